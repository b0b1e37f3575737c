using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>How a cluster is doing now, as the fan-out measured it: what the router picks copies by.</summary>
public sealed record ClusterCondition(string Cluster, int InFlight, double LatencyP95Ms, double LatencyP99Ms, CircuitState Circuit)
{
    public static ClusterCondition Unknown(string cluster) => new(cluster, 0, 0, 0, CircuitState.Closed);

    public bool IsOpen => Circuit == CircuitState.Open;
}
