using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Infrastructure;
using MultiCluster.Messaging.Dapr.Tests.Testing;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>Invocation through the sidecar's gRPC proxying: dapr-app-id picks the target, the call is otherwise unchanged.</summary>
public sealed class ServiceInvocationTests : IAsyncLifetime
{
    private FakeDaprSidecar _sidecar = null!;
    private DaprTestApp _target = null!;
    private DaprTestApp _caller = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await FakeDaprSidecar.StartAsync();
        _target = await DaprTestApp.StartAsync(_sidecar, "specialization", map: app => app.MapGrpcService<EchoService>());
        _caller = await DaprTestApp.StartAsync(_sidecar, "orchestrator");
    }

    public async Task DisposeAsync()
    {
        await _caller.DisposeAsync();
        await _target.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task Call_GoesToTheSidecarWithDaprAppIdAndReachesTheTargetService()
    {
        var client = _caller.EchoClient;

        var reply = await client.SayAsync(new EchoRequest { Text = "plan moves" }).ResponseAsync.Within();

        Assert.Equal(("plan moves", "specialization"), (reply.Text, reply.ServedBy));
        var proxied = Assert.Single(_sidecar.ProxiedCalls.Snapshot());
        Assert.Equal(new ProxiedCall("specialization", "/multicluster.testing.v1.Echo/Say", ApiToken: null, Stream: false, HttpStatus: 200), proxied);
    }

    [Fact]
    public async Task CallersOwnMetadata_IsKeptAndItsDaprAppIdReplaced()
    {
        var client = _caller.EchoClient;
        var headers = new Metadata { { "x-request-id", "r-17" }, { DaprMetadata.AppId, "somebody-else" } };

        await client.SayAsync(new EchoRequest { Text = "a" }, headers).ResponseAsync.Within();
        var second = await client.SayAsync(new EchoRequest { Text = "b" }, headers).ResponseAsync.Within();

        Assert.Equal(("b", "r-17"), (second.Text, second.Headers["x-request-id"]));
        Assert.Equal(["specialization", "specialization"], _sidecar.ProxiedCalls.Snapshot().Select(c => c.AppId));
        Assert.Equal(2, headers.Count);
    }

    [Fact]
    public async Task StreamingCall_IsMarkedDaprStreamAndStreamsThroughTheProxy()
    {
        var client = _caller.EchoClient;

        using var call = client.SayEachWord(new EchoRequest { Text = "move domain seven" });
        var words = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).Within())
        {
            words.Add(call.ResponseStream.Current.Text);
        }

        Assert.Equal(["move", "domain", "seven"], words);
        Assert.True(Assert.Single(_sidecar.ProxiedCalls.Snapshot()).Stream);
    }
}
