using MultiCluster.Discovery.Clustering;
using Xunit;

namespace MultiCluster.Discovery.Tests.Clustering;

public sealed class HybridStrategyTests
{
    private static readonly double[][] FourCentres = [[0, 0], [10, 0], [0, 10], [10, 10]];

    [Fact]
    public void Recovers_blobs_and_leaves_far_strays_unassigned()
    {
        var blobs = ClusteringData.Blobs(seed: 23, perBlob: 150, spread: 0.6, FourCentres);
        var data = ClusteringData.With(blobs, [5, 30], [-25, 5], [35, -5], [5, 5.2f]);

        var result = new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(1, CoarseK: 24, MaxDomains: 4), null, default);

        Assert.Equal(4, result.ClusterCount);
        for (var blob = 0; blob < 4; blob++)
        {
            var members = result.Labels.Skip(blob * 150).Take(150).ToArray();
            var main = members.GroupBy(l => l).MaxBy(g => g.Count())!.Key;
            Assert.NotEqual(ClusteringResult.Unassigned, main);
            Assert.True(members.Count(l => l == main) >= 145, $"blob {blob}: {members.Count(l => l == main)} of 150 in its domain");
        }

        // The three far strays go; the one between the blobs is no farther from a centroid than the blobs' own edges.
        Assert.Equal([-1, -1, -1], result.Labels[600..603]);
        Assert.True(result.Labels.Count(l => l == ClusteringResult.Unassigned) <= 3 + 12, "the outlier rule keeps the fraction small");
    }

    [Fact]
    public void Merge_distance_stops_merging_before_max_domains()
    {
        var data = ClusteringData.Blobs(seed: 29, perBlob: 100, spread: 0.5, FourCentres);

        var result = new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(1, CoarseK: 16, MaxDomains: 2, MergeDistance: 20), null, default);
        var unbounded = new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(1, CoarseK: 16, MaxDomains: 10, MergeDistance: 20), null, default);

        // Ward distance between two blobs of 100 that are 10 apart is √(2·100·100/200)·10 = 100 ≥ 20: they stay apart.
        Assert.Equal(2, result.ClusterCount);
        Assert.Equal(4, unbounded.ClusterCount);
        Assert.Equal(4, ((HybridOptions)unbounded.Resolved).MaxDomains);
    }

    [Fact]
    public void Fifty_rows_with_default_options_still_cluster()
    {
        var data = ClusteringData.Blobs(seed: 31, perBlob: 25, spread: 0.5, [0, 0], [8, 8]);

        var result = new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(1), null, default);

        Assert.Equal(50, result.Labels.Length);
        Assert.Equal(2, result.ClusterCount);
        Assert.Equal(2, ((HybridOptions)result.Resolved).MaxDomains);
        Assert.All(result.Labels, l => Assert.InRange(l, ClusteringResult.Unassigned, result.ClusterCount - 1));
    }

    [Fact]
    public void Without_a_merge_distance_it_keeps_as_many_domains_as_the_data_has_not_the_cap()
    {
        var data = ClusteringData.Blobs(seed: 37, perBlob: 120, spread: 0.6, FourCentres);

        var result = new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(1), null, default);

        Assert.Equal(4, result.ClusterCount);
        Assert.Equal(4, ((HybridOptions)result.Resolved).MaxDomains);
        Assert.NotNull(result.ParentOf);
    }

    [Fact]
    public void The_same_seed_gives_the_same_labels()
    {
        var data = ClusteringData.Blobs(seed: 37, perBlob: 80, spread: 0.7, FourCentres);

        var once = new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(5, MaxDomains: 4), null, default);
        var again = new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(5, MaxDomains: 4), null, default);

        Assert.Equal(once.Labels, again.Labels);
        Assert.Equal(once.Centroids.Data, again.Centroids.Data);
        Assert.Equal(5UL, once.Resolved.Seed);
    }

    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        var data = ClusteringData.Blobs(seed: 37, perBlob: 80, spread: 0.7, FourCentres);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(5, MaxDomains: 4), null, cancelled.Token));
    }

    [Theory]
    [InlineData(-1, 4, 0.0, "coarse_k:")]
    [InlineData(0, 0, 0.0, "max_domains:")]
    [InlineData(0, 4, -1.0, "merge_distance:")]
    [InlineData(0, 4, double.PositiveInfinity, "merge_distance:")]
    public void Bad_options_are_named(int coarseK, int maxDomains, double mergeDistance, string field)
    {
        var data = ClusteringData.Blobs(seed: 1, perBlob: 10, spread: 0.5, [0, 0], [5, 5]);

        var error = Assert.Throws<ArgumentException>(() => new HybridStrategy(new TinyLloyd()).Cluster(data, new HybridOptions(1, coarseK, maxDomains, mergeDistance), null, default));

        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }
}
