namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// One request to one cluster on behalf of a query: the domains (collections) it searched, its latency, and whether it
/// failed, ran out of time or was a hedge to another copy.
/// </summary>
public sealed record ClusterCallObservation(string Cluster, string Library, IReadOnlyList<string> DomainIds, TimeSpan Latency, bool Failed, bool TimedOut, bool Hedged);
