namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// One collection copy a query goes to: the domain, its collection, the chosen cluster and the other copies in the
/// order a hedged or failed-over request would try them.
/// </summary>
public sealed record RouteTargetPlan(string DomainId, string Collection, string Cluster, IReadOnlyList<string> Alternates);
