namespace MultiCluster.Clusters;

/// <summary>How a cluster answered a probe.</summary>
public enum HealthState
{
    /// <summary>Answered, ready, within the latency and memory thresholds.</summary>
    Healthy,

    /// <summary>Answered, but slowly, over its memory threshold, or not ready to serve every shard.</summary>
    Degraded,

    /// <summary>Did not answer usefully: unreachable, timed out, server error, or our API key was rejected.</summary>
    Down,
}

/// <summary>Result of one health probe; a probe reports problems instead of throwing them.</summary>
/// <param name="Cluster">Configured name of the cluster.</param>
/// <param name="State">Healthy, degraded or down.</param>
/// <param name="Latency">Round trip of the probe; zero when it failed.</param>
/// <param name="ServerVersion">Version the server reports (e.g. "1.12.4"), when it answered.</param>
/// <param name="Issues">Each thing found wrong, with what to do; empty when healthy.</param>
/// <param name="CheckedAt">When the probe ran.</param>
public sealed record ClusterHealth(
    string Cluster,
    HealthState State,
    TimeSpan Latency,
    string? ServerVersion,
    IReadOnlyList<ClusterIssue> Issues,
    DateTimeOffset CheckedAt)
{
    /// <summary>
    /// Resident memory the cluster reported (memory_resident_bytes), read only when a memory threshold is configured;
    /// null when not read or not available. The contract's ClusterHealth has no field for it: it shows in the issue.
    /// </summary>
    public long? MemoryResidentBytes { get; init; }

    /// <summary>Every issue's message in one line, for logs and single-message callers; null when healthy.</summary>
    public string? Problem => Issues.Count == 0 ? null : string.Join(" ", Issues.Select(i => i.Message));
}
