using MultiCluster.Clusters;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// What one target gave: the points and the cluster that answered, or a failure as a gRPC status code name and a
/// reason for a person. <paramref name="Hedged"/> is true when another copy was asked too.
/// </summary>
public sealed record FanoutOutcome(
    FanoutTarget Target,
    string Cluster,
    IReadOnlyList<Clusters.ScoredPoint> Points,
    double TookMs,
    string? FailureCode,
    string? FailureReason,
    bool Hedged)
{
    public bool Succeeded => FailureCode is null;

    /// <summary>
    /// Counts as answered: succeeded, or found no "unassigned" collection (dropped after its split, it holds nothing),
    /// which is not a failure of the query.
    /// </summary>
    public bool Answered => Succeeded || (FailureCode == "NOT_FOUND" && Target.DomainIds is [LibraryName.Unassigned]);
}
