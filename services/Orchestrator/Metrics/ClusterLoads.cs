using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>Cluster calls of a window summed per cluster, with the queries per domain of each library they served.</summary>
public static class ClusterLoads
{
    /// <summary>One load per cluster in <paramref name="clusters"/> (zero when it saw no call) and per other cluster called.</summary>
    public static List<(ClusterLoad Load, double HedgeRate, double TimeoutRate)> Of(
        IReadOnlyList<ClusterCallObservation> calls, IEnumerable<string> clusters, TimeSpan window, Func<string, int> inFlight)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(inFlight);
        var seconds = Math.Max(window.TotalSeconds, 1e-3);
        var byCluster = calls.GroupBy(c => c.Cluster, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var names = clusters.Concat(byCluster.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var loads = new List<(ClusterLoad, double, double)>();
        foreach (var name in names)
        {
            var own = byCluster.TryGetValue(name, out var list) ? list : [];
            var quantiles = LatencyQuantiles.Of(own.Select(c => c.Latency));
            var load = new ClusterLoad
            {
                Cluster = new ClusterRef { Name = name },
                RequestCount = (ulong)own.Count,
                RequestRatePerSecond = own.Count / seconds,
                LatencyP50Ms = quantiles.P50,
                LatencyP95Ms = quantiles.P95,
                LatencyP99Ms = quantiles.P99,
                ErrorRate = own.Count == 0 ? 0 : (double)own.Count(c => c.Failed || c.TimedOut) / own.Count,
                InFlight = (uint)inFlight(name),
            };
            foreach (var domain in own.SelectMany(c => c.DomainIds.Select(d => (c.Library, Domain: d))).GroupBy(d => d).OrderBy(g => g.Key.Library, StringComparer.Ordinal).ThenBy(g => g.Key.Domain, StringComparer.Ordinal))
            {
                load.Domains.Add(new DomainQueryLoad { Library = domain.Key.Library, DomainId = domain.Key.Domain, QueryCount = (ulong)domain.Count(), QueryRatePerSecond = domain.Count() / seconds });
            }

            loads.Add((load, own.Count == 0 ? 0 : (double)own.Count(c => c.Hedged) / own.Count, own.Count == 0 ? 0 : (double)own.Count(c => c.TimedOut) / own.Count));
        }

        return loads;
    }
}
