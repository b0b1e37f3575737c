using Greet.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Grpc.Services.Tests.Infrastructure;

/// <summary>A real server wired the way a host wires the standard services: the test Greeter, health checking and server reflection.</summary>
public static class ServicesTestServer
{
    /// <param name="map">Maps more endpoints beside the standard ones.</param>
    public static Task<GrpcTestServer> StartAsync(Action<WebApplication>? map = null) =>
        GrpcTestServer.StartAsync(
            app =>
            {
                app.MapGrpcService<GreeterService>();
                app.MapGrpcHealthService();
                app.MapGrpcReflectionService();
                map?.Invoke(app);
            },
            services: services =>
            {
                services.AddGrpcHealthChecks();
                services.AddGrpcReflection();
            });

    private sealed class GreeterService : Greeter.GreeterBase
    {
        public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
            Task.FromResult(new HelloReply { Message = $"Hello {request.Name}" });
    }
}
