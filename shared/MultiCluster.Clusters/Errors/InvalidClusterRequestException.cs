namespace MultiCluster.Clusters;

/// <summary>
/// The request itself is wrong (bad id, wrong vector size, malformed filter, ...): rejected by the cluster (400, 422)
/// or by the adapter before sending. Retrying unchanged never helps.
/// </summary>
public sealed class InvalidClusterRequestException : VectorClusterException
{
    public InvalidClusterRequestException(string message, string cluster, string? collection = null, string? serverError = null, int? statusCode = null)
        : base(message, cluster, collection, serverError, statusCode, null)
    {
    }
}
