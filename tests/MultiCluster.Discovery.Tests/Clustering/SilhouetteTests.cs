using MultiCluster.Discovery.Clustering;
using Xunit;

namespace MultiCluster.Discovery.Tests.Clustering;

public sealed class SilhouetteTests
{
    [Fact]
    public void Matches_a_hand_computed_value_on_four_points()
    {
        // 0 and 1 against 10 and 11: a = 1 for every point; b = 10.5 for the outer points and 9.5 for the inner ones.
        var data = new VectorSet([0, 0, 1, 0, 10, 0, 11, 0], 2);
        var expected = ((9.5 / 10.5) + (8.5 / 9.5)) / 2;

        Assert.Equal(expected, Silhouette.Score(data, [0, 0, 1, 1], 100, 1), 6);
    }

    [Fact]
    public void Matches_scikit_learn_on_a_fixed_set()
    {
        // Provenance: /usr/bin/python3, scikit-learn 1.2.1, on the same 60 × 3 float32 rows and labels i % 3:
        //   C = [(0,0,0), (4,1,0), (1,5,2)]
        //   X = np.array([[((i*37 + t*11) % 17) / 4.0 + C[i % 3][t] for t in range(3)] for i in range(60)], dtype=np.float32)
        //   silhouette_score(X, [i % 3 for i in range(60)])  ->  0.42518141865730286
        double[][] centres = [[0, 0, 0], [4, 1, 0], [1, 5, 2]];
        var rows = Enumerable.Range(0, 60).Select(i => Enumerable.Range(0, 3).Select(t => (float)((((i * 37) + (t * 11)) % 17 / 4.0) + centres[i % 3][t])).ToArray()).ToList();
        var labels = Enumerable.Range(0, 60).Select(i => i % 3).ToArray();

        Assert.Equal(0.42518141865730286, Silhouette.Score(VectorSet.FromRows(rows, 3), labels, 1_000, 1), 5);
    }

    [Fact]
    public void Unassigned_rows_are_left_out()
    {
        var data = new VectorSet([0, 0, 1, 0, 10, 0, 11, 0, 500, 500], 2);

        var withoutOutlier = Silhouette.Score(new VectorSet(data.Data[..8], 2), [0, 0, 1, 1], 100, 1);

        Assert.NotEqual(withoutOutlier, Silhouette.Score(data, [0, 0, 1, 1, 2], 100, 1), 6);
        Assert.Equal(withoutOutlier, Silhouette.Score(data, [0, 0, 1, 1, ClusteringResult.Unassigned], 100, 1), 12);
    }

    [Fact]
    public void Fewer_than_two_clusters_score_0()
    {
        var data = new VectorSet([0, 0, 1, 0, 10, 0], 2);

        Assert.Equal(0, Silhouette.Score(data, [3, 3, ClusteringResult.Unassigned], 100, 1));
    }

    [Fact]
    public void A_sample_is_drawn_with_the_seed_and_stays_close_to_the_exact_score()
    {
        var (data, truth) = Blobs.Make(Blobs.OnAxes(3, 4, 6), 400, 1.5, seed: 11);

        var exact = Silhouette.Score(data, truth, 10_000, 1);
        var sampled = Silhouette.Score(data, truth, 300, 5);

        Assert.Equal(sampled, Silhouette.Score(data, truth, 300, 5));
        Assert.InRange(sampled, exact - 0.05, exact + 0.05);
    }
}
