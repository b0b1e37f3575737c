using MultiCluster.Discovery.Clustering;
using Xunit;

namespace MultiCluster.Discovery.Tests.Clustering;

public sealed class DbscanStrategyTests
{
    private static readonly double[][] ThreeCentres = [[0, 0], [10, 0], [0, 10]];

    [Fact]
    public void Labels_match_scikit_learn_exactly_on_the_fixture()
    {
        // scikit-learn 1.2: DBSCAN(eps=0.45, min_samples=4).fit_predict(X) on ClusteringData.SklearnFixture() as float32.
        int[] sklearn =
        [
            -1, 0, 1, 0, 0, 0, -1, 0, 0, 0, 1, 0, 0, 1, 1, 1, -1, 0, 1, 0, 0, 0, -1, 0, 0,
            2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
            3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, -1, 3, 3, 3, 3, 3, 3, 3, 3,
            -1, -1, -1, -1, -1,
        ];

        var result = new DbscanStrategy().Cluster(ClusteringData.SklearnFixture(), new DbscanOptions(1, Epsilon: 0.45, MinPoints: 4), null, default);

        Assert.Equal(sklearn, result.Labels);
    }

    [Fact]
    public void Two_moons_are_two_clusters_and_injected_outliers_are_noise()
    {
        var moons = ClusteringData.Moons(seed: 3, perMoon: 150, noise: 0.04);
        var data = ClusteringData.With(moons, [5, 5], [-4, 3], [2, -6]);

        var result = new DbscanStrategy().Cluster(data, new DbscanOptions(1, Epsilon: 0.2, MinPoints: 5), null, default);

        Assert.Equal(2, result.ClusterCount);
        var first = Partitions.CommonLabel(result.Labels, 0, 150);
        var second = Partitions.CommonLabel(result.Labels, 150, 150);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal([-1, -1, -1], result.Labels[300..]);
    }

    [Fact]
    public void Estimated_epsilon_lies_between_the_spacing_inside_blobs_and_between_them()
    {
        var blobs = ClusteringData.Blobs(seed: 5, perBlob: 200, spread: 0.5, ThreeCentres);
        var data = ClusteringData.With(blobs, [25, 25], [-20, 20], [30, -15]);

        var result = new DbscanStrategy().Cluster(data, new DbscanOptions(9, MinPoints: 5), null, default);

        var epsilon = ((DbscanOptions)result.Resolved).Epsilon;
        // Within a blob of σ 0.5 the 5th neighbour is a few tenths away; blobs are 10 apart (gap ≈ 7 after 3σ each side).
        Assert.InRange(epsilon, 0.15, 3.0);
        Assert.Equal(3, result.ClusterCount);
        Assert.Equal([-1, -1, -1], result.Labels[600..]);
        for (var blob = 0; blob < 3; blob++)
        {
            var members = result.Labels.Skip(blob * 200).Take(200).ToArray();
            Assert.True(members.Count(l => l == members.Max()) >= 190, $"blob {blob} mostly in one cluster");
        }
    }

    [Fact]
    public void Centroids_are_member_means_and_inertia_counts_only_assigned_rows()
    {
        var data = new VectorSet([0, 0, 0, 1, 1, 0, 1, 1, 50, 50], 2);

        var result = new DbscanStrategy().Cluster(data, new DbscanOptions(1, Epsilon: 1.01, MinPoints: 3), null, default);

        Assert.Equal([0, 0, 0, 0, ClusteringResult.Unassigned], result.Labels);
        Assert.Equal([0.5f, 0.5f], result.Centroids.Data);
        Assert.Equal(4 * 0.5, result.Inertia, 5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_seed_zero_is_resolved()
    {
        var data = ClusteringData.Blobs(seed: 7, perBlob: 60, spread: 0.5, ThreeCentres);

        var once = new DbscanStrategy().Cluster(data, new DbscanOptions(42), null, default);
        var again = new DbscanStrategy().Cluster(data, new DbscanOptions(42), null, default);
        var drawn = new DbscanStrategy().Cluster(data, new DbscanOptions(0), null, default);

        Assert.Equal(once.Labels, again.Labels);
        Assert.Equal(once.Resolved, again.Resolved);
        Assert.NotEqual(0UL, drawn.Resolved.Seed);
    }

    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        var data = ClusteringData.Blobs(seed: 7, perBlob: 100, spread: 0.5, ThreeCentres);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new DbscanStrategy().Cluster(data, new DbscanOptions(1), null, cancelled.Token));
    }

    [Theory]
    [InlineData(-1.0, 5, "epsilon:")]
    [InlineData(double.NaN, 5, "epsilon:")]
    [InlineData(0.5, 0, "min_points:")]
    [InlineData(0.5, 11, "min_points:")]
    public void Bad_options_are_named(double epsilon, int minPoints, string field)
    {
        var data = ClusteringData.Blobs(seed: 1, perBlob: 5, spread: 0.5, [0, 0], [5, 5]);

        var error = Assert.Throws<ArgumentException>(() => new DbscanStrategy().Cluster(data, new DbscanOptions(1, epsilon, minPoints), null, default));

        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_knee_of_a_flat_then_steep_curve_is_where_it_turns()
    {
        float[] curve = [.. Enumerable.Range(0, 90).Select(i => 1 + (i * 0.01f)), .. Enumerable.Range(0, 10).Select(i => 5 + (i * 3f))];

        Assert.Equal(1.89f, KDistanceKnee.Find(curve), 3);
    }
}
