using MultiCluster.Rebalancer.Extensions;
using MultiCluster.Rebalancer.Grpc;
using MultiCluster.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRebalancer();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<RebalancerService>();
app.Run();
