namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// One configured vector cluster. Built by <see cref="ClusterConfigurationLoader"/> from config/clusters.yaml and
/// the environment, validated before any service starts. The API key never appears in <see cref="ToString"/>.
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>Default per-call timeout when the file sets none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default timeout of snapshot create and recover, which copy whole collections.</summary>
    public static readonly TimeSpan DefaultSnapshotTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Unique name, [a-z0-9][a-z0-9-]{0,62}; how every other part of the system refers to the cluster.</summary>
    public required string Name { get; init; }

    /// <summary>Base URL of the cluster's REST API (snapshot recovery and download, /readyz, /metrics); https for TLS.</summary>
    public required Uri Url { get; init; }

    /// <summary>
    /// Base URL of the cluster's gRPC API (every other call); https for TLS. Null: see <see cref="EffectiveGrpcUrl"/>.
    /// </summary>
    public Uri? GrpcUrl { get; init; }

    /// <summary>
    /// <see cref="GrpcUrl"/> when set; otherwise the REST URL's scheme and host with the next port (REST port + 1:
    /// Qdrant's 6333 gives 6334, its default gRPC port), so files written before gRPC existed keep working.
    /// </summary>
    public Uri EffectiveGrpcUrl => GrpcUrl ?? new UriBuilder(Url.Scheme, Url.Host, Url.Port + 1).Uri;

    /// <summary>Sent in the "api-key" header; null for none. Comes from the environment only, never from the file.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Region, e.g. "eu-west-1"; used by placement preferences.</summary>
    public string Region { get; init; } = "";

    /// <summary>Points the cluster may hold; 0 means unlimited.</summary>
    public long CapacityPoints { get; init; }

    /// <summary>Bytes the cluster may hold; 0 means unlimited.</summary>
    public long CapacityBytes { get; init; }

    /// <summary>Budget of one attempt of one call.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Budget of snapshot create and recover.</summary>
    public TimeSpan SnapshotTimeout { get; init; } = DefaultSnapshotTimeout;

    /// <summary>A health probe slower than this reports the cluster degraded; null means half of <see cref="Timeout"/>.</summary>
    public TimeSpan? DegradedLatency { get; init; }

    /// <summary>Resident memory (Qdrant's memory_resident_bytes) above which the cluster is degraded; 0 means no check.</summary>
    public long DegradedMemoryBytes { get; init; }

    /// <summary>True to stop placing new domains here; rebalancing moves existing ones away.</summary>
    public bool Draining { get; init; }

    /// <summary>The latency above which a probe reports the cluster degraded.</summary>
    public TimeSpan EffectiveDegradedLatency => DegradedLatency ?? Timeout / 2;

    // Replaces the compiler's version so logs, exceptions and debuggers show whether a key is set, never the key.
    public override string ToString() =>
        $"ClusterOptions {{ Name = {Name}, Url = {Url}, GrpcUrl = {EffectiveGrpcUrl}, ApiKey = {(ApiKey is null ? "(none)" : "(set)")}, Region = {Region}, " +
        $"CapacityPoints = {CapacityPoints}, CapacityBytes = {CapacityBytes}, Timeout = {Timeout}, SnapshotTimeout = {SnapshotTimeout}, " +
        $"DegradedLatency = {EffectiveDegradedLatency}, DegradedMemoryBytes = {DegradedMemoryBytes}, Draining = {Draining} }}";
}
