namespace MultiCluster.Clusters;

/// <summary>
/// Base of every failure the cluster port reports. The message is for a person: which cluster, which collection,
/// what went wrong (in the cluster's own words when it gave any) and what to do. The properties are for code.
/// </summary>
public abstract class VectorClusterException : Exception
{
    private protected VectorClusterException(string message, string cluster, string? collection, string? serverError, int? statusCode, Exception? inner)
        : base(message, inner)
    {
        Cluster = cluster;
        Collection = collection;
        ServerError = serverError;
        StatusCode = statusCode;
    }

    /// <summary>Configured name of the cluster that failed.</summary>
    public string Cluster { get; }

    /// <summary>Collection (or alias) the call was about, when it was about one.</summary>
    public string? Collection { get; }

    /// <summary>The cluster's own description of the error (Qdrant's status.error), when it sent one.</summary>
    public string? ServerError { get; }

    /// <summary>
    /// HTTP status of the cluster's answer to a REST call; null for gRPC calls and when there was no answer (network
    /// failure, timeout, client-side check).
    /// </summary>
    public int? StatusCode { get; internal set; }

    /// <summary>gRPC status of the cluster's answer to a gRPC call ("NotFound", "Unavailable", ...); null otherwise.</summary>
    public string? GrpcStatus { get; internal set; }

    /// <summary>True when the same call may succeed if tried again later unchanged.</summary>
    public virtual bool IsTransient => false;
}
