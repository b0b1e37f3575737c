using MultiCluster.Orchestrator.Grpc;
using MultiCluster.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<OrchestratorService>();
app.Run();
