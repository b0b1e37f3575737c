using MultiCluster.Discovery.Clustering;
using Xunit;

namespace MultiCluster.Discovery.Tests.Clustering;

public sealed class StreamingStrategyTests
{
    private static readonly StreamingStrategy Strategy = new();

    private static StreamingModel TwoDomains(double weight) =>
        new(new VectorSet([0, 0, 10, 0], 2), [weight, weight]);

    [Fact]
    public void Growth_inside_known_domains_is_absorbed_without_new_domains()
    {
        var (data, truth) = Blobs.Make([[0, 0], [10, 0]], 1_000, 0.7, seed: 1);

        var result = Strategy.Cluster(data, new StreamingOptions(1, Previous: TwoDomains(500)), null, CancellationToken.None);

        Assert.Equal(2, result.ClusterCount);
        Assert.True(Blobs.SamePartition(result.Labels, truth));
        Assert.All(result.Model!.Weights, weight => Assert.True(weight > 500));
    }

    [Fact]
    public void A_far_cluster_emerges_as_a_new_domain()
    {
        var (known, _) = Blobs.Make([[0, 0], [10, 0]], 1_000, 0.7, seed: 2);
        var (far, _) = Blobs.Make([[60, 60]], 300, 0.7, seed: 3);
        // First batch only known domains; the far region arrives afterwards, mixed in.
        var data = new VectorSet([.. known.Data, .. far.Data], 2);

        var result = Strategy.Cluster(data, new StreamingOptions(1, BatchSize: 500, Previous: TwoDomains(500)), null, CancellationToken.None);

        Assert.Equal(3, result.ClusterCount);
        var farLabel = result.Labels[^1];
        Assert.All(result.Labels[^300..], label => Assert.Equal(farLabel, label));
        Assert.InRange(result.Centroids[farLabel][0], 59, 61);
    }

    [Fact]
    public void A_domain_nobody_feeds_fades_and_is_dropped()
    {
        var previous = new StreamingModel(new VectorSet([0, 0, 10, 0, -30, 40], 2), [100, 100, 100]);
        var (data, _) = Blobs.Make([[0, 0], [10, 0]], 500, 0.7, seed: 4);

        var result = Strategy.Cluster(data, new StreamingOptions(1, Decay: 0.5, BatchSize: 100, Previous: previous), null, CancellationToken.None);

        Assert.Equal(2, result.ClusterCount);
        Assert.All(Enumerable.Range(0, 2), j => Assert.True(result.Centroids[j][1] < 5));
    }

    [Fact]
    public void Over_max_domains_the_closest_merge()
    {
        var (data, _) = Blobs.Make([[0, 0], [10, 0], [60, 60]], 300, 0.7, seed: 5);

        var result = Strategy.Cluster(data, new StreamingOptions(1, MaxDomains: 2, BatchSize: 300, Previous: TwoDomains(500)), null, CancellationToken.None);

        Assert.Equal(2, result.ClusterCount);
    }

    [Fact]
    public void Starting_from_nothing_seeds_the_first_batch_and_is_deterministic()
    {
        var (data, truth) = Blobs.Make([[0, 0], [10, 0], [0, 10]], 600, 0.7, seed: 6);
        var options = new StreamingOptions(9, BatchSize: 400);

        var first = Strategy.Cluster(data, options, null, CancellationToken.None);
        var second = Strategy.Cluster(data, options, null, CancellationToken.None);

        Assert.Equal(3, first.ClusterCount);
        Assert.True(Blobs.SamePartition(first.Labels, truth));
        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Centroids.Data, second.Centroids.Data);
        Assert.Equal(first.Model!.Weights, second.Model!.Weights);
    }

    [Fact]
    public void Invalid_decay_throws_naming_decay()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Strategy.Cluster(new VectorSet([0, 0], 2), new StreamingOptions(1, Decay: 0), null, CancellationToken.None));

        Assert.StartsWith("decay:", error.Message, StringComparison.Ordinal);
    }
}
