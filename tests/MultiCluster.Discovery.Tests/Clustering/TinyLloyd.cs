using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Tests.Clustering;

/// <summary>
/// A tiny deterministic k-means (seeded by evenly spaced rows, then <see cref="ReferenceLloyd"/>) standing in for the
/// coarse stage, so the micro-cluster paths are tested on their own, whatever the real k-means does.
/// </summary>
internal sealed class TinyLloyd : IClusteringStrategy
{
    private const int Iterations = 20;

    public int Calls { get; private set; }

    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        Calls++;
        cancellationToken.ThrowIfCancellationRequested();
        var k = ((KMeansOptions)options).K;
        var seeds = data.Select([.. Enumerable.Range(0, k).Select(c => (int)((long)c * data.Count / k))]);
        var (labels, centroids, inertia) = ReferenceLloyd.Run(data, seeds.Data, Iterations);
        return new ClusteringResult(labels, new VectorSet(Array.ConvertAll(centroids, v => (float)v), data.Dimension), inertia, Iterations, options);
    }
}
