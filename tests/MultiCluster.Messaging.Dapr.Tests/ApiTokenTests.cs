using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Infrastructure;
using MultiCluster.Messaging.Dapr.Tests.Testing;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>DAPR_API_TOKEN on calls to the sidecar, APP_API_TOKEN on the sidecar's calls to the app.</summary>
public sealed class ApiTokenTests
{
    private static readonly Dictionary<string, string?> WithToken = new() { [DaprEnvironment.ApiTokenVariable] = "s3cret" };

    [Fact]
    public async Task WithDaprApiTokenSet_PublishAndInvocationCarryItAsDaprApiTokenMetadata()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(requiredApiToken: "s3cret");
        await using var target = await DaprTestApp.StartAsync(sidecar, "specialization", settings: WithToken, map: app => app.MapGrpcService<EchoService>());
        await using var caller = await DaprTestApp.StartAsync(sidecar, "orchestrator", settings: WithToken);

        await caller.Publisher.PublishAsync("cluster.load", new StringValue { Value = "x" }).Within();
        await caller.EchoClient.SayAsync(new EchoRequest { Text = "y" }).ResponseAsync.Within();

        Assert.Equal("s3cret", Assert.Single(sidecar.Published.Snapshot()).ApiToken);
        Assert.Equal("s3cret", Assert.Single(sidecar.ProxiedCalls.Snapshot()).ApiToken);
    }

    [Fact]
    public async Task WithoutTheToken_TheSidecarRefusesThePublishAsUnauthenticated()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(requiredApiToken: "s3cret");
        await using var caller = await DaprTestApp.StartAsync(sidecar, "orchestrator");

        // Dapr.Client reports the sidecar's refusal as a DaprException around the gRPC status.
        var failure = await Assert.ThrowsAsync<global::Dapr.DaprException>(() => caller.Publisher.PublishAsync("cluster.load", new StringValue()).Within());

        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(failure.InnerException).StatusCode);
    }

    [Fact]
    public async Task WithAppApiTokenSet_TheAppCallbackAnswersItsSidecarAndRefusesOtherCallers()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var received = new Recording<ReceivedEvent>();
        await using var app = await DaprTestApp.StartAsync(
            sidecar, "rebalancer", s => s.Subscribe("cluster.load", Handlers.Record(received, "cluster.load")),
            settings: new Dictionary<string, string?> { [DaprEnvironment.AppApiTokenVariable] = "app-secret" });
        await using var publisher = await DaprTestApp.StartAsync(sidecar, "orchestrator");

        await publisher.Publisher.PublishAsync("cluster.load", new StringValue { Value = "z" }).Within();
        await received.WaitForAsync(r => r.Count == 1, "the event delivered with the app token");
        using var channel = GrpcChannel.ForAddress(app.Address);
        var failure = await Assert.ThrowsAsync<RpcException>(() => new AppCallbackCaller(channel.CreateCallInvoker()).ListTopicSubscriptionsAsync(new Empty()).ResponseAsync.Within());

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }
}
