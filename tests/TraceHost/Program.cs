using MultiCluster.Messaging;
using MultiCluster.ServiceDefaults;
using MultiCluster.Storage.Schema;
using TraceHost;
using TraceHost.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase(new MigrationSource("tracehost", typeof(RelayService).Assembly));
builder.AddServiceMessaging();
builder.Services.AddEventHandler<RelayedHandler>(RelayTopics.Relayed);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<RelayService>();
app.Run();
