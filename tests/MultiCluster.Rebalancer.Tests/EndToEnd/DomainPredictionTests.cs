using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Xunit.Abstractions;
using static MultiCluster.Rebalancer.Tests.EndToEnd.LoadReports;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>
/// PredictRebalancingNeeds' per-domain forecasts and GetPredictionAccuracy's per-domain accuracy, over reports in which
/// a climbing domain moves from local-a to local-b mid-history.
/// </summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class DomainPredictionTests(RebalancerFixture fixture, ITestOutputHelper output)
{
    private const string Library = "shop";
    private const int Windows = 36;

    /// <summary>Window 20 of 36, so the last minute (the current load window) saw it on local-b only.</summary>
    private const int Move = 20;

    /// <summary>shop/rising climbs 1 q/s per window from 10; shop/flat stays on local-a at 20, shop/other on local-c at 15; one call per query.</summary>
    private static ClusterLoadEvent Window(DateTimeOffset end, int i)
    {
        var rising = 10.0 + i;
        var onA = i < Move;
        return Report(
            "orchestrator-1", end,
            Load("local-a", 20 + (onA ? rising : 0), Library, onA ? [("flat", 20), ("rising", rising)] : [("flat", 20)]),
            Load("local-b", onA ? 0 : rising, Library, onA ? [] : [("rising", rising)]),
            Load("local-c", 15, Library, ("other", 15)));
    }

    private Task<DateTimeOffset> FeedAsync() => LoadReports.FeedAsync(fixture, Windows, Window);

    private static PredictRebalancingNeedsRequest Request(int horizonSeconds) => new()
    {
        Horizon = Duration.FromTimeSpan(TimeSpan.FromSeconds(horizonSeconds)), Step = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
    };

    [Fact]
    public async Task EachDomainIsForecast_WhereItIsServedNow_AndEachClusterIsTheSumOfTheDomainsItServesNow()
    {
        await fixture.ResetAsync();
        await FeedAsync();

        var response = await fixture.Client.PredictRebalancingNeedsAsync(Request(60)).ResponseAsync.Within();

        Assert.Equal(["flat", "other", "rising"], response.Domains.Select(d => d.DomainId));
        Assert.All(response.Domains, d => Assert.Equal(Library, d.Library));
        Assert.Equal(["local-a", "local-c", "local-b"], response.Domains.Select(d => d.Cluster.Name));
        var rising = response.Domains[2];
        Assert.Equal(12, rising.Samples.Count);
        Assert.False(string.IsNullOrEmpty(rising.Model));
        var risingRates = rising.Samples.Select(s => s.RequestRatePerSecond).ToList();
        Assert.True(risingRates.Zip(risingRates.Skip(1)).All(p => p.Second > p.First) && risingRates[^1] > 50, string.Join(", ", risingRates));
        Assert.All(rising.Samples, s => Assert.True(s.RequestRateLower <= s.RequestRatePerSecond && s.RequestRatePerSecond <= s.RequestRateUpper, s.ToString()));

        // local-b carries shop/rising now, and only it: its forecast is shop/rising's; local-a's is shop/flat's, without the domain that left.
        var b = response.Clusters.Single(c => c.Cluster.Name == "local-b");
        Assert.Equal(risingRates, b.Samples.Select(s => s.RequestRatePerSecond), (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.All(response.Clusters.Single(c => c.Cluster.Name == "local-a").Samples, s => Assert.InRange(s.RequestRatePerSecond, 19.9, 20.1));
        Assert.All(b.Samples, s => Assert.True(s.RequestRateLower <= s.RequestRatePerSecond && s.RequestRatePerSecond <= s.RequestRateUpper, s.ToString()));
        Assert.Equal(36L, await fixture.ScalarAsync<long>("SELECT count(*) FROM forecasts WHERE metric = 'domain_request_rate'"));
        Assert.Equal(36L, await fixture.ScalarAsync<long>("SELECT count(*) FROM forecasts WHERE metric = 'request_rate'"));
    }

    [Fact]
    public async Task DomainForecasts_AreScoredAsTheirTimeArrives_AndServedPerDomain_BesideTheNaiveForecast()
    {
        await fixture.ResetAsync();
        var start = await FeedAsync();
        await fixture.Client.PredictRebalancingNeedsAsync(Request(30)).ResponseAsync.Within();

        // The same load goes on being reported; the naive forecast (the last value) misses a climbing rate: once it has an error, shop/rising was scored.
        var accuracy = await ReportUntilScoredAsync(
            fixture,
            () => Window(DateTimeOffset.UtcNow, (int)Math.Round(Windows - 1 + ((DateTimeOffset.UtcNow - start).TotalSeconds / 5))),
            a => a.Domains.SingleOrDefault(d => d.DomainId == "rising")?.NaiveRequestRateMapePercent > 0,
            "query rate forecasts of shop/rising scored");

        var rising = accuracy.Domains.Single(d => d.DomainId == "rising");
        var b = accuracy.Clusters.Single(c => c.Cluster.Name == "local-b");
        output.WriteLine($"shop/rising: MAPE {rising.RequestRateMapePercent:0.00}% against naive {rising.NaiveRequestRateMapePercent:0.00}% over {rising.EvaluatedCount} values, coverage {rising.RequestRateIntervalCoverage:P0}; local-b: MAPE {b.RequestRateMapePercent:0.00}% against naive {b.NaiveRequestRateMapePercent:0.00}%");
        Assert.Equal(Library, rising.Library);
        Assert.True(rising.RequestRateMapePercent < rising.NaiveRequestRateMapePercent, rising.ToString());
        Assert.True(b.RequestRateMapePercent < b.NaiveRequestRateMapePercent, b.ToString());
        Assert.InRange(rising.RequestRateIntervalCoverage, 0, 1);
        // The totals count the clusters' forecasts, as before; the domains' are counted apart.
        Assert.Equal(accuracy.EvaluatedCount, (ulong)accuracy.Clusters.Sum(c => (long)c.EvaluatedCount));
    }

    [Fact]
    public async Task WithDomainHistory_BadInputIsStillRefused_AndNothingIsStored()
    {
        await fixture.ResetAsync();
        await FeedAsync();

        await AssertRefusedAsync(
            (PredictRebalancingNeedsRequest r) => fixture.Client.PredictRebalancingNeedsAsync(r),
            [
                (Request(600), global::Grpc.Core.StatusCode.InvalidArgument, "horizon: 00:10:00 reaches further ahead than"),
                (new PredictRebalancingNeedsRequest { Horizon = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)), Step = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }, global::Grpc.Core.StatusCode.InvalidArgument, "step: 00:00:01 is finer than"),
            ]);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
    }
}
