using MultiCluster.Discovery.Clustering;
using Xunit;

namespace MultiCluster.Discovery.Tests.Clustering;

public sealed class HierarchicalStrategyTests
{
    private static readonly double[][] FourCentres = [[0, 0], [10, 0], [0, 10], [10, 10]];

    // scikit-learn 1.2: AgglomerativeClustering(n_clusters=4, linkage=...).fit_predict(X) on
    // ClusteringData.SklearnFixture() as float32.
    public static TheoryData<LinkageKind, int[]> SklearnLabels => new()
    {
        {
            LinkageKind.Ward,
            [
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
                2, 2, 0, 0, 2,
            ]
        },
        {
            LinkageKind.Average,
            [
                2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
                2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                1, 1, 0, 0, 1,
            ]
        },
        {
            LinkageKind.Complete,
            [
                3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                1, 1, 0, 0, 1,
            ]
        },
        {
            LinkageKind.SingleLink,
            [
                2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                0, 0, 3, 1, 0,
            ]
        },
    };

    [Theory]
    [MemberData(nameof(SklearnLabels))]
    public void Each_linkage_matches_scikit_learn_exactly_on_the_fixture(LinkageKind linkage, int[] sklearn)
    {
        var result = new HierarchicalStrategy().Cluster(ClusteringData.SklearnFixture(), new HierarchicalOptions(1, linkage, MaxDomains: 4), null, default);

        Assert.True(Partitions.Same(result.Labels, sklearn), $"{linkage}: [{string.Join(", ", result.Labels)}]");
    }

    [Fact]
    public void A_ward_cut_by_distance_matches_scikit_learns_distance_threshold()
    {
        // scikit-learn 1.2: AgglomerativeClustering(n_clusters=None, distance_threshold=2.5, linkage="ward") → 10 clusters.
        int[] sklearn =
        [
            0, 2, 0, 2, 2, 2, 0, 2, 2, 2, 0, 2, 2, 0, 0, 0, 0, 2, 0, 2, 2, 2, 0, 2, 2,
            4, 4, 1, 4, 4, 1, 4, 4, 4, 1, 4, 1, 1, 4, 4, 4, 4, 1, 4, 4, 4, 4, 1, 1, 1,
            3, 8, 3, 8, 3, 3, 3, 3, 3, 8, 3, 8, 8, 3, 3, 8, 8, 3, 8, 8, 3, 8, 3, 8, 3,
            7, 9, 6, 5, 9,
        ];

        var result = new HierarchicalStrategy().Cluster(ClusteringData.SklearnFixture(), new HierarchicalOptions(1, MaxDomains: 0, DistanceThreshold: 2.5), null, default);

        Assert.Equal(10, result.ClusterCount);
        Assert.True(Partitions.Same(result.Labels, sklearn));
    }

    [Fact]
    public void Cutting_by_count_and_by_distance_recover_the_same_blobs()
    {
        var data = ClusteringData.Blobs(seed: 11, perBlob: 50, spread: 0.5, FourCentres);

        var byCount = new HierarchicalStrategy().Cluster(data, new HierarchicalOptions(1, LinkageKind.Average, MaxDomains: 4), null, default);
        var byDistance = new HierarchicalStrategy().Cluster(data, new HierarchicalOptions(1, LinkageKind.Average, DistanceThreshold: 5), null, default);
        var tooFine = new HierarchicalStrategy().Cluster(data, new HierarchicalOptions(1, LinkageKind.Average, DistanceThreshold: 0.5), null, default);

        Assert.Equal(4, byCount.ClusterCount);
        Assert.Equal(byCount.Labels, byDistance.Labels);
        for (var blob = 0; blob < 4; blob++)
        {
            Assert.NotNull(Partitions.CommonLabel(byCount.Labels, blob * 50, 50));
        }

        Assert.True(tooFine.ClusterCount > 4);
    }

    [Fact]
    public void Parents_are_a_coarser_cut_that_holds_whole_clusters()
    {
        // Two groups of four blobs far apart: the eight clusters' parents are the two groups.
        double[][] centres = [.. FourCentres, .. FourCentres.Select(c => new[] { c[0] + 100, c[1] })];
        var data = ClusteringData.Blobs(seed: 13, perBlob: 25, spread: 0.5, centres);

        var result = new HierarchicalStrategy().Cluster(data, new HierarchicalOptions(1, MaxDomains: 8), null, default);

        Assert.Equal(8, result.ClusterCount);
        Assert.NotNull(result.ParentOf);
        Assert.NotNull(result.ParentCentroids);
        Assert.Equal(2, result.ParentCentroids.Count);
        var leftParent = result.ParentOf[result.Labels[0]];
        for (var blob = 0; blob < 8; blob++)
        {
            var parent = result.ParentOf[result.Labels[blob * 25]];
            Assert.Equal(blob < 4 ? leftParent : 1 - leftParent, parent);
        }

        Assert.Equal(5f, result.ParentCentroids[leftParent][0], 0.5f);
        Assert.Equal(105f, result.ParentCentroids[1 - leftParent][0], 0.5f);
    }

    [Fact]
    public void Above_max_points_it_agglomerates_micro_clusters_and_labels_every_row()
    {
        var data = ClusteringData.Blobs(seed: 17, perBlob: 100, spread: 0.5, FourCentres);
        var coarse = new TinyLloyd();

        var result = new HierarchicalStrategy(coarse).Cluster(data, new HierarchicalOptions(1, MaxDomains: 4, MaxPoints: 100), null, default);

        Assert.Equal(1, coarse.Calls);
        Assert.Equal(4, result.ClusterCount);
        for (var blob = 0; blob < 4; blob++)
        {
            Assert.NotNull(Partitions.CommonLabel(result.Labels, blob * 100, 100));
        }
    }

    [Fact]
    public void Merging_reports_progress_in_merges()
    {
        var data = ClusteringData.Blobs(seed: 19, perBlob: 30, spread: 0.5, FourCentres);
        var reports = new List<ClusteringProgress>();

        new HierarchicalStrategy().Cluster(data, new HierarchicalOptions(1, MaxDomains: 4), new SynchronousProgress(reports), default);

        var last = reports[^1];
        Assert.Equal("merging", last.Phase);
        Assert.Equal("merges", last.Unit);
        Assert.Equal(119, last.Total);
        Assert.Equal(119, last.MergeCount);
    }

    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        var data = ClusteringData.Blobs(seed: 19, perBlob: 30, spread: 0.5, FourCentres);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new HierarchicalStrategy().Cluster(data, new HierarchicalOptions(1, MaxDomains: 4), null, cancelled.Token));
    }

    [Theory]
    [InlineData(-1, 0.0, 100, "max_domains:")]
    [InlineData(21, 0.0, 100, "max_domains:")]
    [InlineData(0, 0.0, 100, "distance_threshold:")]
    [InlineData(0, -2.0, 100, "distance_threshold:")]
    [InlineData(2, 0.0, 1, "max_points:")]
    public void Bad_options_are_named(int maxDomains, double threshold, int maxPoints, string field)
    {
        var data = ClusteringData.Blobs(seed: 1, perBlob: 10, spread: 0.5, [0, 0], [5, 5]);

        var error = Assert.Throws<ArgumentException>(() => new HierarchicalStrategy().Cluster(data, new HierarchicalOptions(1, MaxDomains: maxDomains, DistanceThreshold: threshold, MaxPoints: maxPoints), null, default));

        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test wants the reports in order, before Cluster returns.</summary>
    private sealed class SynchronousProgress(List<ClusteringProgress> reports) : IProgress<ClusteringProgress>
    {
        public void Report(ClusteringProgress value) => reports.Add(value);
    }
}
