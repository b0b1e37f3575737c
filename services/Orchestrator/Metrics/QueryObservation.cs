namespace MultiCluster.Orchestrator.Metrics;

/// <summary>One query as the edge answered it: end-to-end latency, clusters contacted, partial or not, from the cache or not.</summary>
public sealed record QueryObservation(string Library, TimeSpan Latency, int ClustersContacted, bool Partial, bool CacheHit);
