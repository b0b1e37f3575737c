using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// A plan and what planning found, most severe first. <paramref name="NothingFits"/>: the map has domains and none of
/// them could be placed (the only case PlanPlacements refuses with RESOURCE_EXHAUSTED; a plan placing some domains is
/// answered with ERROR issues naming the others).
/// </summary>
public sealed record PlanResult(PlacementPlan Plan, IReadOnlyList<Issue> Issues, bool NothingFits);
