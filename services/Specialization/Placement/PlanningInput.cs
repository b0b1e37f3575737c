using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>Everything <see cref="PlacementPlanner"/> decides from; the same input gives the same plan.</summary>
/// <param name="Library">Library planned.</param>
/// <param name="MapVersion">Domain map version the domains come from.</param>
/// <param name="Domains">Domains to place (parents of hierarchical maps already left out).</param>
/// <param name="Clusters">Every configured cluster.</param>
/// <param name="Current">Where the library's domains are now.</param>
/// <param name="Policy">The library's policy.</param>
/// <param name="Strategy">Strategy of this plan (the request's, else the policy's).</param>
/// <param name="Pins">Domain id to the cluster that must be its primary.</param>
/// <param name="Candidates">Clusters the request allows; null for every one.</param>
/// <param name="DefaultCluster">Where "unassigned" lives.</param>
/// <param name="UnassignedPoints">Points expected to stay in "unassigned" after the plan.</param>
/// <param name="UnassignedBytes">Their bytes.</param>
public sealed record PlanningInput(
    string Library,
    ulong MapVersion,
    IReadOnlyList<DomainDemand> Domains,
    IReadOnlyList<ClusterCapacity> Clusters,
    IReadOnlyList<CurrentPlacement> Current,
    ResolvedPolicy Policy,
    OptimizationStrategy Strategy,
    IReadOnlyDictionary<string, string> Pins,
    IReadOnlySet<string>? Candidates,
    string DefaultCluster,
    long UnassignedPoints,
    long UnassignedBytes);
