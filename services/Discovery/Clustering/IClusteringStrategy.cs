namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// One way of dividing vectors into clusters. CPU-bound and synchronous: callers run it on the thread pool. It checks
/// the token between iterations and throws <see cref="OperationCanceledException"/> when cancelled; it throws
/// <see cref="ArgumentException"/> (naming the option and its allowed range) for options the data cannot satisfy,
/// such as k larger than the number of rows.
/// </summary>
public interface IClusteringStrategy
{
    ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken);
}
