namespace MultiCluster.Clusters.Configuration;

/// <summary>Every configured cluster, which one is the default, and how calls to them are retried.</summary>
/// <param name="Clusters">The clusters, in file order (clusters added through the environment last).</param>
/// <param name="DefaultCluster">Name of the cluster that holds "unassigned" points of new libraries.</param>
/// <param name="Retry">Retry policy shared by all clusters.</param>
public sealed record VectorClustersOptions(IReadOnlyList<ClusterOptions> Clusters, string DefaultCluster, RetryOptions Retry);
