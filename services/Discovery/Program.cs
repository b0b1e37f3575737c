using MultiCluster.Discovery.Extensions;
using MultiCluster.Discovery.Grpc;
using MultiCluster.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDiscovery();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<DiscoveryService>();
app.Run();
