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

/// <summary>One call to a cluster, over gRPC or REST: what it is for (in messages), what it is about, how it may be retried.</summary>
/// <param name="Operation">What a person would call it: "search", "create collection".</param>
/// <param name="Collection">Collection (or alias) the call is about, for messages; null for cluster-wide calls.</param>
/// <param name="Kind">Retry and timeout class.</param>
internal sealed record QdrantCall(string Operation, string? Collection, CallKind Kind);
