namespace MultiCluster.Clusters;

/// <summary>
/// The codes of <see cref="ClusterIssue"/>; alert rules match on them, so they never change. UPPER_SNAKE_CASE
/// because that is what the contract's Issue.code promises (protos/library/v1/common.proto), and one spelling is used
/// in logs and on the wire alike.
/// </summary>
public static class ClusterIssueCodes
{
    /// <summary>The cluster did not answer usefully: unreachable, timed out, server error, or our key was rejected.</summary>
    public const string Down = "CLUSTER_DOWN";

    /// <summary>It answers but /readyz says shards are still loading or recovering.</summary>
    public const string NotReady = "CLUSTER_NOT_READY";

    /// <summary>The probe took longer than degraded_latency_ms.</summary>
    public const string Slow = "CLUSTER_SLOW";

    /// <summary>Resident memory (memory_resident_bytes) is above degraded_memory_bytes.</summary>
    public const string MemoryHigh = "CLUSTER_MEMORY_HIGH";

    /// <summary>A memory threshold is set but the memory reading could not be had from /metrics.</summary>
    public const string MemoryUnknown = "CLUSTER_MEMORY_UNKNOWN";
}
