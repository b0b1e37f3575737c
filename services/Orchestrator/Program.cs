using MultiCluster.Orchestrator.Extensions;
using MultiCluster.Orchestrator.Grpc;
using MultiCluster.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrchestrator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<OrchestratorService>();
app.Run();
