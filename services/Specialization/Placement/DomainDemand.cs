namespace MultiCluster.Specialization.Placement;

/// <summary>What one domain of the map asks of a cluster: room for a copy, and its share of queries.</summary>
/// <param name="DomainId">Domain id.</param>
/// <param name="PointCount">Points (from the map).</param>
/// <param name="SizeBytes">Bytes of one copy.</param>
/// <param name="ProposedCluster">Cluster Discovery proposed; empty for none.</param>
/// <param name="QueryRate">Queries per second it received lately, over all clusters; 0 when unknown.</param>
public sealed record DomainDemand(string DomainId, long PointCount, long SizeBytes, string ProposedCluster = "", double QueryRate = 0);
