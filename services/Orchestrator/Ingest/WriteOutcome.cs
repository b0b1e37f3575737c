using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// What a write of routed points achieved: how many distinct points reached every cluster of their route, one failure
/// per point that missed some cluster (naming it), and where each point went (the clusters that took it).
/// </summary>
public sealed record WriteOutcome(int Written, IReadOnlyList<PointFailure> Failures, IReadOnlyList<PointAssignment> Assignments);
