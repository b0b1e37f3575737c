namespace MultiCluster.Clusters.Qdrant;

/// <summary>How a call may be retried and which timeout bounds it.</summary>
internal enum CallKind
{
    /// <summary>Repeating it leaves the same state (reads, searches, upserts and deletes by id): retried on transient failures.</summary>
    Idempotent,

    /// <summary>Repeating it could apply it twice or undo someone else's change: sent once.</summary>
    Once,

    /// <summary>Sent once, under the snapshot timeout (copies whole collections).</summary>
    LongRunning,
}

/// <summary>One REST call: what it is for (in messages), where it goes, and how it may be retried.</summary>
/// <param name="Operation">What a person would call it: "search", "create collection".</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query relative to the cluster's base URL, without a leading slash.</param>
/// <param name="Collection">Collection (or alias) the call is about, for messages; null for cluster-wide calls.</param>
/// <param name="Kind">Retry and timeout class.</param>
/// <param name="Body">UTF-8 JSON body, serialized once so every attempt sends the same bytes.</param>
internal sealed record QdrantCall(string Operation, HttpMethod Method, string Path, string? Collection, CallKind Kind, byte[]? Body = null);
