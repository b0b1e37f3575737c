using MultiCluster.Discovery.Clustering;
using Xunit;

namespace MultiCluster.Discovery.Tests.Clustering;

public sealed class KMeansStrategyTests
{
    private static readonly KMeansStrategy Strategy = new();

    [Fact]
    public void Recovers_well_separated_gaussian_blobs_exactly()
    {
        var (data, truth) = Blobs.Make(Blobs.OnAxes(4, 8, 20), 100, 1, seed: 1);

        var result = Strategy.Cluster(data, new KMeansOptions(Seed: 7, K: 4), null, CancellationToken.None);

        Assert.True(Blobs.SamePartition(result.Labels, truth));
        Assert.Equal(4, result.ClusterCount);
        Assert.Equal(new KMeansOptions(7, K: 4), result.Resolved);
    }

    [Fact]
    public void Same_seed_gives_identical_labels_and_centroids()
    {
        var (data, _) = Blobs.Make(Blobs.OnAxes(6, 5, 3), 400, 1.5, seed: 2);
        var options = new KMeansOptions(Seed: 11, K: 6);

        var first = Strategy.Cluster(data, options, null, CancellationToken.None);
        var second = Strategy.Cluster(data, options, null, CancellationToken.None);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Centroids.Data, second.Centroids.Data);
        Assert.Equal(first.Inertia, second.Inertia);
    }

    [Fact]
    public void Different_seeds_give_different_centroids_on_ambiguous_data()
    {
        var (data, _) = Blobs.Make([[0, 0]], 1_000, 1, seed: 3);

        var first = Strategy.Cluster(data, new KMeansOptions(Seed: 1, K: 7, Initializations: 1), null, CancellationToken.None);
        var second = Strategy.Cluster(data, new KMeansOptions(Seed: 2, K: 7, Initializations: 1), null, CancellationToken.None);

        Assert.NotEqual(first.Centroids.Data, second.Centroids.Data);
    }

    [Fact]
    public void Seed_zero_picks_a_seed_and_records_it()
    {
        var (data, _) = Blobs.Make(Blobs.OnAxes(3, 3, 10), 50, 1, seed: 4);

        var result = Strategy.Cluster(data, new KMeansOptions(Seed: 0, K: 3), null, CancellationToken.None);
        var again = Strategy.Cluster(data, (KMeansOptions)result.Resolved, null, CancellationToken.None);

        Assert.NotEqual(0UL, result.Resolved.Seed);
        Assert.Equal(result.Labels, again.Labels);
    }

    [Fact]
    public void Inertia_is_never_worse_than_plain_lloyd_from_the_same_seeding()
    {
        var (data, _) = Blobs.Make(Blobs.OnAxes(8, 4, 4), 150, 2, seed: 5);
        const ulong seed = 21;
        var seeds = KMeansPlusPlus.Seed(data, DistanceKernels.SquaredNorms(data), 8, SeededRandom.For(seed, 0), CancellationToken.None);
        var reference = ReferenceLloyd.Run(data, seeds, 300);

        var result = Strategy.Cluster(data, new KMeansOptions(seed, K: 8, MaxIterations: 300, Tolerance: 0), null, CancellationToken.None);

        Assert.True(result.Inertia <= reference.Inertia * (1 + 1e-6), $"{result.Inertia} > {reference.Inertia}");
    }

    [Fact]
    public void Hamerly_bounds_give_the_same_result_as_unbounded_lloyd()
    {
        // Overlapping blobs: many rows change cluster over many iterations, so the bounds are exercised.
        var (data, _) = Blobs.Make(Blobs.OnAxes(8, 4, 4), 150, 2, seed: 6);
        var norms = DistanceKernels.SquaredNorms(data);
        var seeds = KMeansPlusPlus.Seed(data, norms, 8, new SeededRandom(3), CancellationToken.None);
        var reference = ReferenceLloyd.Run(data, seeds, 300);

        var run = HamerlyLloyd.Run(data, norms, seeds, 300, 0, null, CancellationToken.None);

        Assert.True(run.Iterations > 5, $"only {run.Iterations} iterations: the data does not exercise the bounds");
        Assert.Equal(reference.Labels, run.Labels);
        for (var v = 0; v < run.Centroids.Length; v++)
        {
            Assert.Equal(reference.Centroids[v], run.Centroids[v], 4);
        }
    }

    [Fact]
    public void Chooses_k_4_on_4_blobs_when_k_is_0()
    {
        var (data, truth) = Blobs.Make(Blobs.OnAxes(4, 6, 12), 120, 1, seed: 7);

        var result = Strategy.Cluster(data, new KMeansOptions(Seed: 3, K: 0, KMin: 2, KMax: 9), null, CancellationToken.None);

        Assert.Equal(4, ((KMeansOptions)result.Resolved).K);
        Assert.True(Blobs.SamePartition(result.Labels, truth));
    }

    [Fact]
    public void Mini_batch_path_comes_within_5_percent_of_full_lloyd_inertia()
    {
        var (data, _) = Blobs.Make(Blobs.OnAxes(5, 10, 8), 1_200, 1.5, seed: 8);

        var full = Strategy.Cluster(data, new KMeansOptions(Seed: 5, K: 5), null, CancellationToken.None);
        var miniBatch = Strategy.Cluster(data, new KMeansOptions(Seed: 5, K: 5, MiniBatchThreshold: 1_000), null, CancellationToken.None);

        Assert.InRange(miniBatch.Inertia / full.Inertia, 0.99, 1.05);
    }

    [Fact]
    public void Cancelling_between_iterations_throws_operation_cancelled()
    {
        var (data, _) = Blobs.Make(Blobs.OnAxes(6, 5, 3), 400, 2, seed: 9);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(report =>
        {
            if (report.Phase == "iterating")
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => Strategy.Cluster(data, new KMeansOptions(Seed: 1, K: 6, Tolerance: 0), progress, cancellation.Token));
        Assert.Contains(progress.Reports, report => report is { Phase: "iterating", Unit: "iterations", Inertia: > 0 });
    }

    [Fact]
    public void K_larger_than_the_rows_throws_naming_k_and_its_range()
    {
        var (data, _) = Blobs.Make(Blobs.OnAxes(3, 4, 5), 50, 1, seed: 10);

        var error = Assert.Throws<ArgumentException>(() => Strategy.Cluster(data, new KMeansOptions(Seed: 1, K: 200), null, CancellationToken.None));

        Assert.StartsWith("k: must be between 1 and the 150 points", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 200", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 5, 100, 1e-4, "k_min:")]
    [InlineData(4, 3, 100, 1e-4, "k_max:")]
    [InlineData(2, 5, 0, 1e-4, "max_iterations:")]
    [InlineData(2, 5, 100, -1.0, "tolerance:")]
    public void Invalid_options_throw_naming_the_field(int kMin, int kMax, int maxIterations, double tolerance, string field)
    {
        var (data, _) = Blobs.Make(Blobs.OnAxes(3, 4, 5), 50, 1, seed: 10);

        var error = Assert.Throws<ArgumentException>(() =>
            Strategy.Cluster(data, new KMeansOptions(1, 0, kMin, kMax, maxIterations, tolerance), null, CancellationToken.None));

        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_data_throws_naming_the_points()
    {
        var error = Assert.Throws<ArgumentException>(() => Strategy.Cluster(new VectorSet([], 3), new KMeansOptions(1, K: 2), null, CancellationToken.None));

        Assert.StartsWith("points:", error.Message, StringComparison.Ordinal);
    }
}
