using MultiCluster.ServiceDefaults;
using MultiCluster.Specialization.Extensions;
using MultiCluster.Specialization.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSpecialization();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceMessaging();
app.MapGrpcService<SpecializationService>();
app.Run();
