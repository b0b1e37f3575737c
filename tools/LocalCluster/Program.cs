using MultiCluster.LocalCluster.Hosting;

if (!LocalClusterOptions.TryRead(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(LocalClusterOptions.Usage);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.AddLocalCluster(options);

await using var app = builder.Build();
app.UseLocalCluster();
await app.StartAsync();
var (restPort, grpcPort) = app.BoundPorts();
Console.Out.WriteLine($"listening {restPort} grpc {grpcPort}");
Console.Out.Flush();
await app.WaitForShutdownAsync();
return 0;
