namespace MultiCluster.Clusters;

/// <summary>A collection (or alias) of that name already exists on the cluster.</summary>
public sealed class CollectionAlreadyExistsException : VectorClusterException
{
    public CollectionAlreadyExistsException(string message, string cluster, string? collection, string? serverError = null, int? statusCode = null)
        : base(message, cluster, collection, serverError, statusCode, null)
    {
    }
}
