namespace MultiCluster.Clusters;

/// <summary>The cluster rejected our credentials (401: missing or wrong API key; 403: the key may not do this).</summary>
public sealed class ClusterAuthenticationException : VectorClusterException
{
    public ClusterAuthenticationException(string message, string cluster, string? collection = null, string? serverError = null, int? statusCode = null)
        : base(message, cluster, collection, serverError, statusCode, null)
    {
    }
}
