using MultiCluster.Orchestrator.Metrics;
using MultiCluster.Orchestrator.Routing;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>Each cluster's condition now, from the metrics (latency, in flight) and the guards (circuit).</summary>
public sealed class ClusterConditions(QueryMetrics metrics, ClusterGuards guards)
{
    public static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(1);

    public ClusterCondition Of(string cluster)
    {
        var stats = metrics.Stats(cluster, RecentWindow);
        return new ClusterCondition(cluster, stats.InFlight, stats.P95Ms, stats.P99Ms, guards.State(cluster));
    }
}
