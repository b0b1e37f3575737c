namespace MultiCluster.Discovery.Clustering;

/// <summary>Not built yet (issue #10 in progress).</summary>
public sealed class HierarchicalStrategy : IClusteringStrategy
{
    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
