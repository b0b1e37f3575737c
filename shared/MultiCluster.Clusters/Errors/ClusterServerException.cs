namespace MultiCluster.Clusters;

/// <summary>
/// The cluster failed internally (500, 507 out of storage, ...) or answered in a shape its API does not document.
/// Not retried automatically: the cause is on the cluster's side and needs a look at its logs.
/// </summary>
public sealed class ClusterServerException : VectorClusterException
{
    public ClusterServerException(string message, string cluster, string? collection = null, string? serverError = null, int? statusCode = null, Exception? inner = null)
        : base(message, cluster, collection, serverError, statusCode, inner)
    {
    }
}
