namespace MultiCluster.Clusters;

/// <summary>The codes of <see cref="ClusterIssue"/>; alert rules match on them, so they never change.</summary>
public static class ClusterIssueCodes
{
    public const string Down = "cluster_down";
    public const string NotReady = "cluster_not_ready";
    public const string Slow = "cluster_slow";
    public const string MemoryHigh = "cluster_memory_high";
    public const string MemoryUnknown = "cluster_memory_unknown";
}
