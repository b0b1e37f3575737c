namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// One cluster as the planner sees it: its capacity (0 = unlimited), what it stores, its request rate (now or
/// forecast) and p99, and whether it is draining (it may give domains, never take one).
/// </summary>
public sealed record PlanCluster(
    string Name, long CapacityPoints, long CapacityBytes, long Points, long Bytes, double RequestRate, double LatencyP99Ms = 0, bool Draining = false);

/// <summary>
/// One placed domain: the clusters holding a copy (primary first), the size of one copy, the query rate it brings to
/// each holder, and whether a migration of it runs now (then it is left alone).
/// </summary>
public sealed record PlanDomain(
    string Library, string DomainId, IReadOnlyList<string> Holders, long Points, long Bytes, IReadOnlyDictionary<string, double> RateOn, bool Migrating = false)
{
    public double Rate(string cluster) => RateOn.TryGetValue(cluster, out var rate) ? rate : 0;
}

/// <summary>Everything a plan starts from; <paramref name="LoadBasis"/> says which load it is (now or forecast, and why).</summary>
public sealed record PlanInputs(IReadOnlyList<PlanCluster> Clusters, IReadOnlyList<PlanDomain> Domains, bool ForecastBased, string LoadBasis);
