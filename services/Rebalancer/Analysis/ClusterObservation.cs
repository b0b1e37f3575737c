namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// What is known of one cluster now. <paramref name="Sized"/> is false when the cluster could not be counted (down):
/// it then takes no part in the size dimension rather than counting as empty.
/// </summary>
public sealed record ClusterObservation(
    string Name, double RequestRate, double LatencyP99Ms, double ErrorRate, double FillRatio, long PointCount, bool Sized = true);

/// <summary>Query rate of one domain on one cluster now.</summary>
public sealed record DomainObservation(string Cluster, string Library, string DomainId, double QueryRate);
