namespace MultiCluster.Clusters;

/// <summary>One page of a walk over a collection in id order.</summary>
/// <param name="Limit">Points per page, at least 1.</param>
/// <param name="Offset">Id to start at (inclusive): null for the first page, then the previous page's NextOffset.</param>
/// <param name="Filter">Only points matching it; null for all.</param>
/// <param name="WithPayload">Return payloads.</param>
/// <param name="WithVectors">Return vectors.</param>
public sealed record ScrollRequest(
    int Limit,
    string? Offset = null,
    Filter? Filter = null,
    bool WithPayload = true,
    bool WithVectors = false);
