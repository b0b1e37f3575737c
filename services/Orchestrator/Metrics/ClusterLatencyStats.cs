namespace MultiCluster.Orchestrator.Metrics;

/// <summary>A cluster's calls over a window: rate, latency quantiles, failures, hedges and what is in flight now.</summary>
public sealed record ClusterLatencyStats(
    string Cluster,
    long RequestCount,
    double RequestRatePerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double ErrorRate,
    double TimeoutRate,
    double HedgeRate,
    int InFlight);
