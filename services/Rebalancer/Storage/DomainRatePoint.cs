namespace MultiCluster.Rebalancer.Storage;

/// <summary>One bucket of a domain's query rate on one cluster, summed over reporters.</summary>
public readonly record struct DomainRatePoint(string Cluster, string Library, string DomainId, DateTimeOffset Start, double Rate);
