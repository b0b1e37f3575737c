using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>Snapshots, health, stats, credentials and bad input.</summary>
[Collection(ContractSuite.Name)]
public class AdminContractTests(ClusterUnderTest target)
{
    private IVectorCluster Cluster => target.Cluster;

    [Fact]
    public async Task Snapshot_IsCreatedAndListed()
    {
        var name = await target.NewCollectionAsync("snapshot", 2, Distance.Dot);
        await Cluster.UpsertAsync(name, [new PointRecord("1", [1f, 2f])]).Within();

        var snapshot = await Cluster.CreateSnapshotAsync(name).Within();
        var listed = await Cluster.ListSnapshotsAsync(name).Within();

        Assert.False(string.IsNullOrEmpty(snapshot.Name));
        Assert.True(snapshot.SizeBytes > 0);
        Assert.Contains(listed, s => s.Name == snapshot.Name && s.SizeBytes == snapshot.SizeBytes);
    }

    [Fact]
    public async Task SnapshotOfOneCollection_RecoversIntoAnother_WithTheSamePoints()
    {
        var source = await target.NewCollectionAsync("snap_source", 3, Distance.Euclid);
        var points = TestVectors.Points(TestVectors.Random(8, 40, 3));
        await Cluster.UpsertAsync(source, points).Within();
        var snapshot = await Cluster.CreateSnapshotAsync(source).Within();
        var copy = target.NewCollectionName("snap_copy");

        await Cluster.RecoverSnapshotAsync(copy, Cluster.GetSnapshotSource(source, snapshot)).Within();

        Assert.Equal(40, await Cluster.CountAsync(copy).Within());
        var read = await Cluster.RetrieveAsync(copy, points.Select(p => p.Id).ToList()).Within();
        Assert.All(read, r => Assert.Equal(points.Single(p => p.Id == r.Id).Vector, r.Vector));
        Assert.Equal(Distance.Euclid, (await Cluster.DescribeCollectionAsync(copy).Within()).Spec.Distance);
    }

    [Fact]
    public async Task Health_IsHealthy_WithVersionAndLatency()
    {
        var health = await Cluster.CheckHealthAsync().Within();

        Assert.True(health.State == HealthState.Healthy, $"{target.Target}: {health.State} ({health.Problem})");
        Assert.Null(health.Problem);
        Assert.False(string.IsNullOrEmpty(health.ServerVersion));
        Assert.True(health.Latency > TimeSpan.Zero);
    }

    [Fact]
    public async Task Health_IsDegraded_WhenResidentMemoryIsOverItsThreshold()
    {
        using var small = new QdrantCluster(target.Options with { DegradedMemoryBytes = 1 }, new RetryOptions { MaxRetries = 0 });

        var health = await small.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        var issue = Assert.Single(health.Issues);
        Assert.Equal(ClusterIssueCodes.MemoryHigh, issue.Code);
        Assert.Contains("degraded_memory_bytes", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_IsHealthy_UnderAGenerousMemoryThreshold()
    {
        using var roomy = new QdrantCluster(target.Options with { DegradedMemoryBytes = long.MaxValue / 2 }, new RetryOptions { MaxRetries = 0 });

        var health = await roomy.CheckHealthAsync().Within();

        Assert.True(health.State == HealthState.Healthy, $"{target.Target}: {health.State} ({health.Problem})");
    }

    [Fact]
    public async Task Health_IsDegraded_WhenSlowerThanItsLatencyThreshold_ListingEachIssue()
    {
        using var strict = new QdrantCluster(target.Options with { DegradedLatency = TimeSpan.FromTicks(1), DegradedMemoryBytes = 1 }, new RetryOptions { MaxRetries = 0 });

        var health = await strict.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        Assert.Equal([ClusterIssueCodes.Slow, ClusterIssueCodes.MemoryHigh], health.Issues.Select(i => i.Code));
        Assert.Contains("degraded_latency_ms", health.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_CountCollectionsPointsAndVectorBytes()
    {
        var name = await target.NewCollectionAsync("stats", 4, Distance.Dot);
        await Cluster.UpsertAsync(name, TestVectors.Points(TestVectors.Random(7, 25, 4))).Within();

        var stats = await Cluster.GetStatsAsync().Within();

        var collection = Assert.Single(stats.Collections, c => c.Name == name);
        Assert.Equal((25L, 25L * 4 * sizeof(float)), (collection.PointsCount, collection.ApproximateBytes));
        Assert.Equal(stats.Collections.Count, stats.CollectionCount);
        Assert.Equal(stats.Collections.Sum(c => c.PointsCount), stats.PointsCount);
    }

    [FactWithApiKey]
    public async Task WrongApiKey_ThrowsAuthentication_AndHealthSaysDown()
    {
        using var intruder = target.Connect("not-the-key");

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => intruder.ListCollectionsAsync().Within());
        var health = await intruder.CheckHealthAsync().Within();

        // Qdrant's gRPC server answers a missing or wrong key with PERMISSION_DENIED (its REST server with 401).
        Assert.Equal("PermissionDenied", error.GrpcStatus);
        Assert.Contains("rejected the API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", error.Message, StringComparison.Ordinal);
        Assert.Equal(HealthState.Down, health.State);
        Assert.Contains("API key", health.Problem, StringComparison.Ordinal);
    }

    [FactWithApiKey]
    public async Task MissingApiKey_ThrowsAuthentication()
    {
        using var anonymous = target.Connect(null);

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => anonymous.CountAsync("anything").Within());

        Assert.Contains("none is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongVectorSize_ThrowsInvalidRequest_WithTheClustersReason()
    {
        var name = await target.NewCollectionAsync("dimension", 4, Distance.Dot);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => Cluster.UpsertAsync(name, [new PointRecord("1", [1f, 2f])]).Within());

        Assert.Equal(name, error.Collection);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.ServerError));
        Assert.Equal("InvalidArgument", error.GrpcStatus);
    }

    [Fact]
    public async Task WrongQueryVectorSize_ThrowsInvalidRequest()
    {
        var name = await target.NewCollectionAsync("query_dimension", 4, Distance.Cosine);

        await Assert.ThrowsAsync<InvalidClusterRequestException>(() => Cluster.SearchAsync(name, new SearchRequest([1f], 3)).Within());
    }

    [Fact]
    public async Task ClusterThatIsNotListening_IsUnavailable_AndHealthSaysDown()
    {
        using var nowhere = new QdrantCluster(target.Options with { Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/"), GrpcUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/"), Timeout = TimeSpan.FromSeconds(2) }, new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10) });

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => nowhere.ListCollectionsAsync().Within());
        Assert.Equal(HealthState.Down, (await nowhere.CheckHealthAsync().Within()).State);
    }
}
