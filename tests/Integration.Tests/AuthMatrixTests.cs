using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests;

/// <summary>
/// The auth matrix on every service host, each through one of its own methods: no key and a wrong key are
/// UNAUTHENTICATED, too weak a role is PERMISSION_DENIED naming the role needed, the right role gets through (to
/// UNIMPLEMENTED while the method is not built, which only a call past auth can reach).
/// </summary>
public sealed class AuthMatrixTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    /// <summary>Per host: a method of its own, the role it needs, a key too weak for it, and how to call it.</summary>
    private static readonly Dictionary<string, (string Method, string Role, string WeakKey, Func<CallInvoker, Metadata, Task> Call)> Cases = new()
    {
        ["Orchestrator"] = ("library.v1.OrchestratorService/CreateLibrary", "admin", ServiceHost.ServiceKey,
            (invoker, metadata) => new OrchestratorService.OrchestratorServiceClient(invoker).CreateLibraryAsync(new CreateLibraryRequest(), metadata).ResponseAsync),
        // Built: a request it refuses (an unknown threshold field) shows the call got past auth without changing anything.
        ["Discovery"] = ("library.v1.DiscoveryService/UpdateDomainThresholds", "admin", ServiceHost.ReaderKey,
            (invoker, metadata) => new DiscoveryService.DiscoveryServiceClient(invoker).UpdateDomainThresholdsAsync(
                new UpdateDomainThresholdsRequest { UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "not_a_threshold" } } }, metadata).ResponseAsync),
        ["Specialization"] = ("library.v1.SpecializationService/SpecializeCluster", "service", ServiceHost.ReaderKey,
            (invoker, metadata) => new SpecializationService.SpecializationServiceClient(invoker).SpecializeClusterAsync(new SpecializeClusterRequest(), metadata).ResponseAsync),
        ["Rebalancer"] = ("library.v1.RebalancerService/TriggerRebalancing", "admin", ServiceHost.ServiceKey,
            (invoker, metadata) => new RebalancerService.RebalancerServiceClient(invoker).TriggerRebalancingAsync(new TriggerRebalancingRequest { MaxMoves = 101 }, metadata).ResponseAsync),
    };

    public static TheoryData<string> Services => new(MeshFixture.ServiceNames);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task NoKey_IsUnauthenticated(string name)
    {
        var error = await CallAsync(name, []);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task WrongKey_IsUnauthenticated_InEitherHeader(string name)
    {
        var inApiKey = await CallAsync(name, new Metadata { { "x-api-key", "not-a-key-of-this-mesh-0123456789abcdef" } });
        var inBearer = await CallAsync(name, new Metadata { { "authorization", "Bearer not-a-key-of-this-mesh-0123456789abcdef" } });

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.Unauthenticated), (inApiKey.StatusCode, inBearer.StatusCode));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task TooWeakARole_IsPermissionDenied_NamingTheRoleNeeded(string name)
    {
        var error = await CallAsync(name, new Metadata { { "x-api-key", Cases[name].WeakKey } });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains(Cases[name].Role, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(Cases[name].Method, error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task RightRole_GetsThrough_InEitherHeader(string name)
    {
        var key = Cases[name].Role == "service" ? ServiceHost.ServiceKey : ServiceHost.ApiKey;

        var inApiKey = await CallAsync(name, new Metadata { { "x-api-key", key } });
        var inBearer = await CallAsync(name, new Metadata { { "authorization", "Bearer " + key } });

        // Past auth, every method called refuses the request itself.
        const StatusCode through = StatusCode.InvalidArgument;
        Assert.Equal((through, through), (inApiKey.StatusCode, inBearer.StatusCode));
    }

    private async Task<RpcException> CallAsync(string name, Metadata metadata)
    {
        using var channel = mesh.Hosts[name].CreateChannel();
        return await Assert.ThrowsAsync<RpcException>(() => Cases[name].Call(channel.CreateCallInvoker(), metadata).Within());
    }
}
