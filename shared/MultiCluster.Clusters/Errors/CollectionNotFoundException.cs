namespace MultiCluster.Clusters;

/// <summary>The collection (or alias, or something it names) does not exist on the cluster.</summary>
public sealed class CollectionNotFoundException : VectorClusterException
{
    public CollectionNotFoundException(string message, string cluster, string? collection, string? serverError = null, int? statusCode = null)
        : base(message, cluster, collection, serverError, statusCode, null)
    {
    }
}
