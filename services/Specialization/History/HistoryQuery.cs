using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.History;

/// <summary>
/// A page of the specialization history, newest first: records of <paramref name="Library"/> (every library when empty)
/// of <paramref name="Kinds"/> (all when empty), started in [<paramref name="From"/>, <paramref name="To"/>), after the
/// keyset position <paramref name="After"/> (null for the first page).
/// </summary>
public sealed record HistoryQuery(
    string Library,
    IReadOnlyList<SpecializationEventKind> Kinds,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Limit,
    HistoryPosition? After);
