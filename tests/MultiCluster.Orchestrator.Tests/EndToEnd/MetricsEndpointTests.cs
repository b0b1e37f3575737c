using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>"cluster.load" as the Rebalancer and Discovery receive it, and GetCrossClusterMetrics over the network.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class MetricsEndpointTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task ClusterLoad_IsPublishedEveryFewSeconds_NamingEveryConfiguredCluster()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(mesh.RedisConnectionString).Within();

        var report = await Eventually.ValueAsync(
            () => Reports(redis).LastOrDefault(),
            r => r is not null,
            "a cluster.load report from the Orchestrator on the Redis stream");

        Assert.StartsWith("orchestrator@", report!.Reporter, StringComparison.Ordinal);
        Assert.True(report.Window.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal(OrchestratorFixture.ClusterNames, report.Clusters.Select(c => c.Cluster.Name));
    }

    [Fact]
    public async Task GetCrossClusterMetrics_AnswersForTheLastMinute_WithEveryCluster()
    {
        var before = DateTime.UtcNow;

        var metrics = await mesh.Client.GetCrossClusterMetricsAsync(new GetCrossClusterMetricsRequest()).ResponseAsync.Within();

        Assert.Equal(OrchestratorFixture.ClusterNames, metrics.Clusters.Select(c => c.Load.Cluster.Name));
        Assert.InRange(metrics.WindowStart.ToDateTime(), before.AddMinutes(-1).AddSeconds(-5), DateTime.UtcNow.AddMinutes(-1).AddSeconds(5));
        Assert.InRange(metrics.CacheHitRatio, 0, 1);
    }

    [Theory]
    [InlineData(3_601L, 0, "", "window:")]
    [InlineData(0L, 0, "", "window:")]
    [InlineData(-5L, 0, "", "window:")]
    [InlineData(60L, 0, "Bad Name", "library:")]
    public async Task GetCrossClusterMetrics_RefusesBadInput_NamingTheField(long seconds, int nanos, string library, string field)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.GetCrossClusterMetricsAsync(new GetCrossClusterMetricsRequest
        {
            Library = library,
            Window = new Duration { Seconds = seconds, Nanos = nanos },
        }).ResponseAsync.Within());

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith(field, refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCrossClusterMetrics_OfAnUnknownLibrary_IsNotFound()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.GetCrossClusterMetricsAsync(new GetCrossClusterMetricsRequest { Library = "mx-nobody" }).ResponseAsync.Within());

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.StartsWith("library:", refused.Status.Detail, StringComparison.Ordinal);
    }

    private static List<ClusterLoadEvent> Reports(ConnectionMultiplexer redis) =>
        [.. redis.GetDatabase().StreamRange(Topics.ClusterLoad)
            .Select(entry => CloudEventFormat.Decode((byte[])entry["data"]!))
            .Select(e => e.GetProtobufData(ClusterLoadEvent.Parser))
            .Where(r => r.Reporter.StartsWith("orchestrator@", StringComparison.Ordinal))];
}
