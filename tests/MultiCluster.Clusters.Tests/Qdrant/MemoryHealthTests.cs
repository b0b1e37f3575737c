using System.Net;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>The memory threshold against Qdrant's /metrics (REST, beside the gRPC probes): read only when set, and an unreadable reading is an issue, never a crash or "down".</summary>
public class MemoryHealthTests
{
    private const string Metrics = """
        # HELP memory_active_bytes Total number of bytes in active pages allocated by the application
        # TYPE memory_active_bytes gauge
        memory_active_bytes 51380224
        # HELP memory_resident_bytes Maximum number of bytes in physically resident data pages mapped
        # TYPE memory_resident_bytes gauge
        memory_resident_bytes 2.097152e+09
        """;

    [Fact]
    public async Task NoThreshold_NeverAsksForMetrics()
    {
        var handler = Answering(QdrantAnswers.Text(HttpStatusCode.OK, Metrics));
        using var cluster = Cluster(handler, threshold: 0);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Healthy, health.State);
        Assert.Null(health.MemoryResidentBytes);
        Assert.DoesNotContain(handler.Requests, r => r.PathAndQuery == "/metrics");
    }

    [Fact]
    public async Task ResidentMemoryOverTheThreshold_IsDegraded_SayingBothFiguresAndWhatToDo()
    {
        var handler = Answering(QdrantAnswers.Text(HttpStatusCode.OK, Metrics));
        using var cluster = Cluster(handler, threshold: 1_000_000_000);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        Assert.Equal(2_097_152_000, health.MemoryResidentBytes);
        var issue = Assert.Single(health.Issues);
        Assert.Equal(ClusterIssueCodes.MemoryHigh, issue.Code);
        Assert.Contains("2,097,152,000 bytes", issue.Message, StringComparison.Ordinal);
        Assert.Contains("1,000,000,000 bytes", issue.Message, StringComparison.Ordinal);
        Assert.Contains("quantize", issue.Message, StringComparison.Ordinal);
        Assert.Equal("key-1", handler.Requests.Single(r => r.PathAndQuery == "/metrics").ApiKey);
    }

    [Fact]
    public async Task ResidentMemoryUnderTheThreshold_IsHealthy_WithTheReading()
    {
        using var cluster = Cluster(Answering(QdrantAnswers.Text(HttpStatusCode.OK, Metrics)), threshold: 4_000_000_000);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal((HealthState.Healthy, 2_097_152_000L), (health.State, health.MemoryResidentBytes));
    }

    [Fact]
    public async Task MetricsWithoutTheGauge_IsADegradedIssueNamingTheMetric()
    {
        using var cluster = Cluster(Answering(QdrantAnswers.Text(HttpStatusCode.OK, "# TYPE memory_resident_bytes_other gauge\nmemory_resident_bytes_other 5\n")), threshold: 1);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        var issue = Assert.Single(health.Issues);
        Assert.Equal(ClusterIssueCodes.MemoryUnknown, issue.Code);
        Assert.Contains("no memory_resident_bytes gauge", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsRefusingTheKey_IsADegradedIssueWithTheStatus_NotDown()
    {
        using var cluster = Cluster(Answering(QdrantAnswers.Text(HttpStatusCode.Forbidden, "forbidden")), threshold: 1);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        Assert.Equal(ClusterIssueCodes.MemoryUnknown, Assert.Single(health.Issues).Code);
        Assert.Contains("HTTP 403", health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsUnreachable_IsADegradedIssue_NotACrash()
    {
        var handler = Answering(null);
        using var cluster = Cluster(handler, threshold: 1);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        Assert.Equal(ClusterIssueCodes.MemoryUnknown, Assert.Single(health.Issues).Code);
        Assert.Contains("could not be read", health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotReadyAndOverMemory_AreListedAsTwoIssues()
    {
        var handler = new StubQdrantHandler()
            .Answer(() => QdrantAnswers.Text(HttpStatusCode.ServiceUnavailable, "some shards are not ready"))
            .Answer(() => QdrantAnswers.Text(HttpStatusCode.OK, Metrics));
        using var cluster = Cluster(handler, threshold: 1);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal([ClusterIssueCodes.NotReady, ClusterIssueCodes.MemoryHigh], health.Issues.Select(i => i.Code));
    }

    // Readiness, then /metrics answered by `metrics` (null: the connection is refused); the gRPC probes answer first.
    private static StubQdrantHandler Answering(HttpResponseMessage? metrics)
    {
        var handler = new StubQdrantHandler()
            .Answer(() => QdrantAnswers.Text(HttpStatusCode.OK, "all shards are ready"));
        return metrics is null ? handler.Refuse() : handler.Answer(() => metrics);
    }

    private static QdrantCluster Cluster(StubQdrantHandler handler, long threshold) =>
        new(StubCluster.Options(apiKey: "key-1") with { DegradedMemoryBytes = threshold }, StubCluster.FastRetry, restHandler: handler, grpcHandler: HealthyGrpc());

    // gRPC ListCollections (the authenticated probe), then HealthCheck (the version).
    internal static StubQdrantGrpc HealthyGrpc() => new StubQdrantGrpc()
        .Reply(new G.ListCollectionsResponse())
        .Reply(new G.HealthCheckReply { Title = "qdrant - vector search engine", Version = "1.12.4" });
}
