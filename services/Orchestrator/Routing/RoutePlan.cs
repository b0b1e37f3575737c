using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>The router's choice for one query: where it goes (<see cref="Targets"/>) and the reasons (<see cref="Decision"/>).</summary>
public sealed record RoutePlan(IReadOnlyList<RouteTargetPlan> Targets, RoutingDecision Decision, IReadOnlyList<DomainScore> Scores)
{
    public IReadOnlyList<string> DomainIds => [.. Targets.Select(t => t.DomainId).Distinct(StringComparer.Ordinal)];
}
