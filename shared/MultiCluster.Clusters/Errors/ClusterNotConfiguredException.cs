namespace MultiCluster.Clusters;

/// <summary>A cluster name that is not in the configuration was asked for.</summary>
public sealed class ClusterNotConfiguredException : VectorClusterException
{
    public ClusterNotConfiguredException(string cluster, IEnumerable<string> configured)
        : base($"Cluster '{cluster}' is not configured. Configured clusters: {string.Join(", ", configured)}. Add it to config/clusters.yaml (or set CLUSTERS__{ClusterNameEnvironment(cluster)}__URL), or use one of those names.", cluster, null, null, null, null)
    {
    }

    private static string ClusterNameEnvironment(string name) => name.ToUpperInvariant().Replace('-', '_');
}
