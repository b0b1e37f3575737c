using MultiCluster.Rebalancer.Grpc;
using MultiCluster.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase();
builder.AddServiceMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<RebalancerService>();
app.Run();
