using System.Globalization;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// Which copy of a domain a query reads, by strategy: the primary (affinity), the fewest requests in flight (least
/// loaded), the lowest recent p99 (lowest latency), or both together (adaptive). Copies with an open circuit come last
/// whatever the strategy: they are tried only when nothing else is left. The rest are the hedging order.
/// </summary>
public static class CopyChoice
{
    /// <summary>Copies best first, with the reason the first was chosen.</summary>
    public static (IReadOnlyList<ClusterCondition> Order, string Reason) Order(
        RoutingStrategy strategy, string primary, IReadOnlyList<ClusterCondition> copies)
    {
        ArgumentNullException.ThrowIfNull(copies);
        var ordered = copies
            .OrderBy(c => c.IsOpen)
            .ThenBy(c => strategy switch
            {
                RoutingStrategy.LeastLoaded => c.InFlight,
                RoutingStrategy.LowestLatency => c.LatencyP99Ms,
                RoutingStrategy.Adaptive => AdaptiveCost(c),
                _ => c.Cluster == primary ? 0 : 1,
            })
            .ThenBy(c => c.Cluster == primary ? 0 : 1)
            .ThenBy(c => c.Cluster, StringComparer.Ordinal)
            .ToList();
        return (ordered, Reason(strategy, primary, ordered));
    }

    // Expected wait: the recent p99 grows with the queue in front of the request (one more request per one in flight).
    private static double AdaptiveCost(ClusterCondition c) => (c.LatencyP99Ms + 1) * (1 + c.InFlight);

    private static string Reason(RoutingStrategy strategy, string primary, List<ClusterCondition> ordered)
    {
        var chosen = ordered[0];
        var role = chosen.Cluster == primary ? "primary" : "replica";
        if (chosen.IsOpen)
        {
            return $"{role}: every copy's circuit is open, tried anyway";
        }

        if (ordered.Count == 1)
        {
            return $"{role}: the only copy";
        }

        var next = ordered[1];
        return strategy switch
        {
            RoutingStrategy.LeastLoaded => $"{role}: {chosen.InFlight} in flight vs {next.InFlight} on {next.Cluster}",
            RoutingStrategy.LowestLatency => $"{role}: p99 {Ms(chosen.LatencyP99Ms)} vs {Ms(next.LatencyP99Ms)} on {next.Cluster}",
            RoutingStrategy.Adaptive => $"{role}: p99 {Ms(chosen.LatencyP99Ms)} with {chosen.InFlight} in flight vs p99 {Ms(next.LatencyP99Ms)} with {next.InFlight} on {next.Cluster}",
            _ => next.IsOpen && chosen.Cluster != primary ? $"{role}: the primary's circuit is open" : $"{role}: primaries first",
        };
    }

    private static string Ms(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.#} ms");
}
