using MultiCluster.Messaging;
using MultiCluster.ServiceDefaults;
using TraceHost;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase();
builder.AddServiceMessaging();
builder.Services.AddEventHandler<RoutingChangedHandler>(RelayTopics.RoutingChanged);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<RelayEdge>();
app.MapGrpcService<RelayBackend>();
app.Run();
