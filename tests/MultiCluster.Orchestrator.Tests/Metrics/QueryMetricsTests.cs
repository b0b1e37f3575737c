using MultiCluster.Orchestrator.Metrics;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.Metrics;

/// <summary>What the search path records, summed into cluster loads and live recall as reports and GetCrossClusterMetrics show them.</summary>
public sealed class QueryMetricsTests
{
    [Fact]
    public void ClusterLoads_SumCallsPerCluster_WithQuantilesErrorsAndQueriesPerDomain()
    {
        var metrics = new QueryMetrics(TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            metrics.ClusterCallStarted("local-a");
        }

        metrics.ClusterCallCompleted(Call(10, ["d1"]));
        metrics.ClusterCallCompleted(Call(20, ["d1", "d2"], failed: true));
        metrics.ClusterCallCompleted(Call(30, ["d1"], hedged: true));
        metrics.ClusterCallCompleted(Call(40, ["d2"], timedOut: true));

        var loads = ClusterLoads.Of(metrics.CallsSince(DateTimeOffset.MinValue, ""), ["local-b", "local-a"], TimeSpan.FromSeconds(2), metrics.InFlight);

        Assert.Equal(["local-a", "local-b"], loads.Select(l => l.Load.Cluster.Name));
        var (a, hedgeRate, timeoutRate) = loads[0];
        Assert.Equal((4ul, 2.0, 20.0, 40.0, 40.0, 0.5, 1u), (a.RequestCount, a.RequestRatePerSecond, a.LatencyP50Ms, a.LatencyP95Ms, a.LatencyP99Ms, a.ErrorRate, a.InFlight));
        Assert.Equal((0.25, 0.25), (hedgeRate, timeoutRate));
        Assert.Equal([("d1", 3ul, 1.5), ("d2", 2ul, 1.0)], a.Domains.Select(d => (d.DomainId, d.QueryCount, d.QueryRatePerSecond)));
        Assert.Equal((0ul, 0.0, 0u), (loads[1].Load.RequestCount, loads[1].Load.ErrorRate, loads[1].Load.InFlight));
    }

    [Fact]
    public void OneRecordOfCalls_ServesTheRouterAndTheLoads_WithOneInFlightCount()
    {
        var metrics = new QueryMetrics(TimeProvider.System);
        for (var i = 1; i <= 27; i++)
        {
            metrics.ClusterCallStarted("local-a");
        }

        for (var i = 1; i <= 25; i++)
        {
            metrics.ClusterCallCompleted(Call(i, ["d1"]));
        }

        var stats = metrics.Stats("local-a", TimeSpan.FromMinutes(1));
        var load = ClusterLoads.Of(metrics.CallsSince(DateTimeOffset.MinValue, ""), [], TimeSpan.FromMinutes(1), metrics.InFlight).Single().Load;

        Assert.Equal((25L, 2), (stats.RequestCount, stats.InFlight));
        Assert.Equal((24.0, 25.0), (stats.P95Ms, stats.P99Ms));
        Assert.Equal((25ul, stats.P95Ms, stats.P99Ms, 2u), (load.RequestCount, load.LatencyP95Ms, load.LatencyP99Ms, load.InFlight));
        Assert.Equal(stats.P95Ms, metrics.RecentP95Ms("local-a"));
        Assert.Null(metrics.RecentP95Ms("local-b"));
    }

    [Fact]
    public void Queries_AreKeptPerLibrary_AndCallsOfOtherLibrariesAreLeftOut()
    {
        var metrics = new QueryMetrics(TimeProvider.System);
        metrics.QueryCompleted(new QueryObservation("lib-a", TimeSpan.FromMilliseconds(5), 2, Partial: true, CacheHit: false));
        metrics.QueryCompleted(new QueryObservation("lib-b", TimeSpan.FromMilliseconds(7), 1, Partial: false, CacheHit: true));
        metrics.ClusterCallCompleted(new ClusterCallObservation("local-a", "lib-b", ["d9"], TimeSpan.FromMilliseconds(3), false, false, false));

        Assert.Equal(["lib-a"], metrics.QueriesSince(DateTimeOffset.MinValue, "lib-a").Select(q => q.Library));
        Assert.Equal(2, metrics.QueriesSince(DateTimeOffset.MinValue, "").Count);
        Assert.Empty(metrics.CallsSince(DateTimeOffset.MinValue, "lib-a"));
        Assert.Empty(metrics.QueriesSince(DateTimeOffset.UtcNow.AddMinutes(1), ""));
    }

    [Fact]
    public void LatencyQuantiles_AreByNearestRank_AndZeroWithoutSamples()
    {
        var quantiles = LatencyQuantiles.Of(Enumerable.Range(1, 100).Select(i => TimeSpan.FromMilliseconds(i)));

        Assert.Equal((50.0, 95.0, 99.0), (quantiles.P50, quantiles.P95, quantiles.P99));
        Assert.Equal(default(LatencyQuantiles), LatencyQuantiles.Of([]));
    }

    [Fact]
    public void LiveRecall_SamplesNothingAtRateZero_AveragesPerLibrary_AndDropsSamplesWhenItsQueueIsFull()
    {
        var none = new LiveRecall(new OrchestratorOptions { LiveRecallSampleRate = 0 }, TimeProvider.System);
        var all = new LiveRecall(new OrchestratorOptions { LiveRecallSampleRate = 1 }, TimeProvider.System);
        all.Record("lib", 1.0);
        all.Record("lib", 0.5);
        all.Record("other", 0.1);

        Assert.False(none.ShouldSample());
        Assert.True(all.ShouldSample());
        Assert.Equal((0.75, 2), all.Over("lib", DateTimeOffset.MinValue));
        var offered = Enumerable.Range(0, LiveRecall.QueueCapacity + 5).Count(_ => all.Offer(new LiveRecallSample("lib", [1f], null, [], [])));
        Assert.Equal(LiveRecall.QueueCapacity, offered);
    }

    private static ClusterCallObservation Call(double ms, string[] domains, bool failed = false, bool timedOut = false, bool hedged = false) =>
        new("local-a", "lib", domains, TimeSpan.FromMilliseconds(ms), failed, timedOut, hedged);
}
