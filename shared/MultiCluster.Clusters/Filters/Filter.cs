namespace MultiCluster.Clusters;

/// <summary>
/// A boolean combination of conditions over payloads and ids, with Qdrant's semantics: every Must holds, at least
/// one Should holds (when any are given), no MustNot holds. An empty filter matches every point.
/// </summary>
public sealed record Filter(
    IReadOnlyList<Condition>? Must = null,
    IReadOnlyList<Condition>? Should = null,
    IReadOnlyList<Condition>? MustNot = null)
{
    /// <summary>Matches points satisfying every condition.</summary>
    public static Filter All(params Condition[] conditions) => new(Must: conditions);

    /// <summary>Matches points satisfying at least one condition.</summary>
    public static Filter Any(params Condition[] conditions) => new(Should: conditions);

    /// <summary>Matches points satisfying none of the conditions.</summary>
    public static Filter None(params Condition[] conditions) => new(MustNot: conditions);

    public bool IsEmpty => (Must?.Count ?? 0) + (Should?.Count ?? 0) + (MustNot?.Count ?? 0) == 0;
}
