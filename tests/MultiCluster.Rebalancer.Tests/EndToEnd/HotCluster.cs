using static MultiCluster.Rebalancer.Tests.EndToEnd.LoadReports;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>Load reports that make the cluster holding most of a placed library's domains hot: 40 req/s per domain there, 5 elsewhere.</summary>
internal static class HotCluster
{
    public const double HotRate = 40;

    public const double ColdRate = 5;

    /// <summary>Publishes <paramref name="reports"/> Orchestrator reports, 5 s apart, oldest first, the last ending now; returns the hot cluster.</summary>
    public static async Task<string> MakeHotAsync(RebalancerFixture fixture, PlacedLibrary library, int reports = 1)
    {
        var byCluster = library.Domains.GroupBy(e => e.Primary.Name).ToDictionary(g => g.Key, g => g.Select(e => e.DomainId).ToList(), StringComparer.Ordinal);
        var hot = byCluster.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var loads = RebalancerFixture.ClusterNames.Select(cluster =>
        {
            var rate = cluster == hot ? HotRate : ColdRate;
            var domains = byCluster.GetValueOrDefault(cluster) ?? [];
            return Load(cluster, Math.Max(rate * domains.Count, ColdRate), library.Name, [.. domains.Select(d => (d, rate))]);
        }).ToArray();
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(fixture, [.. Enumerable.Range(0, reports).Reverse().Select(i => Report("orchestrator-1", now - TimeSpan.FromSeconds(5 * i), loads))]);
        return hot;
    }
}
