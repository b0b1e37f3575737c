using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Storage;

/// <summary>A page of the analysis history, newest first, after the keyset position <paramref name="After"/> (null for the first page).</summary>
public sealed record HistoryQuery(
    string Library,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<OperationState> States,
    int Limit,
    (DateTimeOffset StartedAt, string OperationId)? After);
