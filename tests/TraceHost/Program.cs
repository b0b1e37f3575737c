using MultiCluster.Messaging;
using MultiCluster.ServiceDefaults;
using MultiCluster.Storage.Schema;
using TraceHost;
using TraceHost.Grpc;
using TraceHost.V1;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase(new MigrationSource("tracehost", typeof(RelayService).Assembly));
builder.AddServiceMessaging();
builder.AddServiceClient<Relay.RelayClient>(builder.Configuration["Relay:Next"] ?? "beta");
builder.Services.AddEventHandler<RelayedHandler>(RelayTopics.Relayed);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<RelayService>();
app.Run();
