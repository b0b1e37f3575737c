namespace MultiCluster.Specialization.Placement;

/// <summary>One copy of a domain of the planned library: its collection "{library}__{domain}" found on a cluster.</summary>
public sealed record DomainCopy(string Cluster, string DomainId, long Points, long Bytes);
