using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Tests.Clustering;

/// <summary>
/// A tiny deterministic k-means (seeded by evenly spaced rows, plain Lloyd) standing in for the coarse stage, so the
/// micro-cluster paths are tested on their own, whatever the real k-means does.
/// </summary>
internal sealed class TinyLloyd : IClusteringStrategy
{
    public int Calls { get; private set; }

    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        Calls++;
        var k = ((KMeansOptions)options).K;
        var n = data.Count;
        var d = data.Dimension;
        var centroids = data.Select([.. Enumerable.Range(0, k).Select(c => (int)((long)c * n / k))]);
        var labels = new int[n];
        for (var iteration = 0; iteration < 20; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var row = 0; row < n; row++)
            {
                var best = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var distance = System.Numerics.Tensors.TensorPrimitives.Distance(data[row], centroids[c]);
                    if (distance < best)
                    {
                        best = distance;
                        labels[row] = c;
                    }
                }
            }

            var sums = new double[k * d];
            var counts = new int[k];
            for (var row = 0; row < n; row++)
            {
                counts[labels[row]]++;
                for (var j = 0; j < d; j++)
                {
                    sums[(labels[row] * d) + j] += data[row][j];
                }
            }

            for (var c = 0; c < k; c++)
            {
                for (var j = 0; j < d && counts[c] > 0; j++)
                {
                    centroids.Row(c)[j] = (float)(sums[(c * d) + j] / counts[c]);
                }
            }
        }

        return new ClusteringResult(labels, centroids, 0, 20, options);
    }
}
