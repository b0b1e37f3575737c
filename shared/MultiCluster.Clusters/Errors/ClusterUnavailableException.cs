namespace MultiCluster.Clusters;

/// <summary>
/// The cluster could not be reached or said it cannot serve now (connection refused, DNS, TLS, 502/503/504,
/// 429 rate limit). Transient: retrying later, or another replica, may succeed.
/// </summary>
public sealed class ClusterUnavailableException : VectorClusterException
{
    public ClusterUnavailableException(string message, string cluster, string? collection = null, string? serverError = null, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, cluster, collection, serverError, statusCode, inner) => RetryAfter = retryAfter;

    /// <summary>How long the cluster asked us to wait (Retry-After of a 429), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    public override bool IsTransient => true;
}
