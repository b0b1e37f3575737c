using Microsoft.AspNetCore.Builder;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>Our server hosting the interop TestService, shared by one class of interop cases.</summary>
public sealed class OurServerFixture : IAsyncLifetime
{
    public GrpcTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
