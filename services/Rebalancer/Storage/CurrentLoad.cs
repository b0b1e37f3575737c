namespace MultiCluster.Rebalancer.Storage;

/// <summary>A cluster's load now: request rates summed over reporters, the worst p99, the mean error rate.</summary>
public sealed record CurrentLoad(string Cluster, double RequestRate, double LatencyP99Ms, double ErrorRate);

/// <summary>A domain's query rate now on one cluster, summed over reporters.</summary>
public sealed record CurrentDomainLoad(string Cluster, string Library, string DomainId, double QueryRate);
