using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>A plan with what it was made from, for applying it: the map (dimension, distance), the inventory and the policy.</summary>
public sealed record ComputedPlan(PlanResult Result, DomainMap Map, ClusterInventory Inventory, ResolvedPolicy Policy)
{
    public PlacementPlan Plan => Result.Plan;
}
