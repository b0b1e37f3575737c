using MultiCluster.Clusters;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>A point of a request that passed validation: where it was in the request, its id as sent, and the record written (canonical id).</summary>
public sealed record ValidatedPoint(int Index, string SentId, PointRecord Record);
