namespace MultiCluster.Clusters;

/// <summary>
/// The call did not finish within its timeout (our per-call timeout, or the cluster's own 408 / wait timeout).
/// The operation may still have been applied: writes that are not idempotent must be checked before retrying.
/// </summary>
public sealed class ClusterTimeoutException : VectorClusterException
{
    public ClusterTimeoutException(string message, string cluster, string? collection = null, string? serverError = null, int? statusCode = null, Exception? inner = null)
        : base(message, cluster, collection, serverError, statusCode, inner)
    {
    }

    public override bool IsTransient => true;
}
