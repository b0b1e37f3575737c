using MultiCluster.Rebalancer.Forecasting;
using MultiCluster.Rebalancer.Storage;
using Xunit;
using Xunit.Abstractions;

namespace MultiCluster.Rebalancer.Tests.Forecasting;

/// <summary>
/// Cluster forecasts summed from the forecasts of the domains each cluster serves now: a domain that moves takes its
/// forecast with it, which a cluster's own series (stepping at the move) cannot.
/// </summary>
public sealed class PlacementForecastTests(ITestOutputHelper output)
{
    private const string Library = "lib";
    private const int Held = 52;
    private const int Horizon = 10;
    private static readonly string[] Names = ["local-a", "local-b", "local-c"];
    private static readonly TimeSpan Bucket = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch + TimeSpan.FromDays(20_000);
    private static readonly DateTimeOffset End = Start + (Bucket * Held);

    /// <summary>
    /// lib/rising climbs 1 q/s a minute from 20 and moves from local-a to local-b at minute <paramref name="move"/>; lib/flat stays on
    /// local-a at 30, lib/other on local-c at 25; seeded noise of 0.5 on each; one call per domain query.
    /// </summary>
    private static (List<DomainRatePoint> Domains, Dictionary<string, IReadOnlyList<SeriesPoint>> Clusters, Func<int, double> Rising) MovedDomain(int move = Held - 4)
    {
        var random = new Random(5);
        double Rising(int t) => 20 + t;
        var domains = new List<DomainRatePoint>();
        for (var t = 0; t < Held; t++)
        {
            var at = Start + (Bucket * t);
            domains.Add(new DomainRatePoint(t < move ? "local-a" : "local-b", Library, "rising", at, Rising(t) + (0.5 * SyntheticSeries.Gaussian(random))));
            domains.Add(new DomainRatePoint("local-a", Library, "flat", at, 30 + (0.5 * SyntheticSeries.Gaussian(random))));
            domains.Add(new DomainRatePoint("local-c", Library, "other", at, 25 + (0.5 * SyntheticSeries.Gaussian(random))));
        }

        var clusters = Names.ToDictionary(
            c => c,
            c => (IReadOnlyList<SeriesPoint>)[.. Enumerable.Range(0, Held).Select(t => new SeriesPoint(
                Start + (Bucket * t), domains.Where(d => d.Cluster == c && d.Start == Start + (Bucket * t)).Sum(d => d.Rate)))],
            StringComparer.Ordinal);
        return (domains, clusters, Rising);
    }

    private static List<CurrentDomainLoad> PlacedNow() =>
        [new("local-b", Library, "rising", 71), new("local-a", Library, "flat", 30), new("local-c", Library, "other", 25)];

    private static double Mape(IReadOnlyList<double> forecast, IReadOnlyList<double> actual) =>
        forecast.Zip(actual).Average(p => Math.Abs(p.First - p.Second) / p.Second) * 100;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AfterADomainMoves_ItsNewClustersForecastFollowsIt_AndBeatsTheNaive_WhichTheClustersOwnSeriesDoesNot(int minutesAfter)
    {
        var (domains, clusters, rising) = MovedDomain(Held - minutesAfter);
        var history = LoadHistory.Build(Names, clusters, domains, End, Bucket);

        var forecasts = PlacementForecast.Forecast(history, PlacedNow(), Horizon, ModelChoice.Holt, period: 0);

        var future = Enumerable.Range(Held, Horizon).Select(rising).ToList();
        var summed = Mape(forecasts.Clusters["local-b"]!.Mean, future);
        var naive = Mape(Enumerable.Repeat(history.Clusters["local-b"][^1], Horizon).ToList(), future);
        var own = Mape(Forecaster.Forecast(history.Clusters["local-b"], Horizon, ModelChoice.Holt, 0).Mean, future);
        output.WriteLine($"local-b, {minutesAfter} minutes after lib/rising moved onto it, {Horizon} ahead: MAPE summed from domains {summed:0.00}%, naive {naive:0.00}%, its own series {own:0.00}%");
        Assert.True(summed < naive, $"summed {summed:0.00}% against naive {naive:0.00}%");
        Assert.True(own > naive, $"the cluster's own series ({own:0.00}%) was expected to lose to naive ({naive:0.00}%) on the step");
        Assert.True(summed < 3, $"summed {summed:0.00}%");

        // local-a keeps only lib/flat: its forecast is lib/flat's, none of the domain that left.
        Assert.All(forecasts.Clusters["local-a"]!.Mean, m => Assert.InRange(m, 28.5, 31.5));
        var moved = forecasts.Domains.Single(d => d.Domain.DomainId == "rising");
        Assert.Equal("local-b", moved.Cluster);
        Assert.Equal(["flat", "other", "rising"], forecasts.Domains.Select(d => d.Domain.DomainId));
        Assert.All(forecasts.Clusters.Values, f => Assert.All(Enumerable.Range(0, Horizon), h => Assert.True(f!.Lower[h] < f.Mean[h] && f.Mean[h] < f.Upper[h])));
    }

    [Fact]
    public void ADomainReadFromTwoClusters_IsSplitByItsCurrentShares()
    {
        var (domains, clusters, _) = MovedDomain();
        var history = LoadHistory.Build(Names, clusters, domains, End, Bucket);
        // lib/other is read a quarter from local-a now (mid-migration, say).
        List<CurrentDomainLoad> now = [new("local-b", Library, "rising", 71), new("local-a", Library, "flat", 30), new("local-c", Library, "other", 18.75), new("local-a", Library, "other", 6.25)];

        var forecasts = PlacementForecast.Forecast(history, now, Horizon, ModelChoice.Holt, period: 0);

        var other = forecasts.Domains.Single(d => d.Domain.DomainId == "other").Forecast.Mean[0];
        var flat = forecasts.Domains.Single(d => d.Domain.DomainId == "flat").Forecast.Mean[0];
        Assert.Equal(0.75 * other, forecasts.Clusters["local-c"]!.Mean[0], 6);
        Assert.Equal(flat + (0.25 * other), forecasts.Clusters["local-a"]!.Mean[0], 6);
    }

    [Fact]
    public void CallsReadingSeveralDomains_AndCallsWithoutADomain_AreCountedAsTheClusterSawThem()
    {
        // local-a: every call reads both of its domains (20 + 20 queries a second in 20 calls), plus 5 calls a second no domain accounts for.
        var domains = Enumerable.Range(0, Held).SelectMany(t => new[]
        {
            new DomainRatePoint("local-a", Library, "x", Start + (Bucket * t), 20),
            new DomainRatePoint("local-a", Library, "y", Start + (Bucket * t), 20),
        }).ToList();
        var clusters = new Dictionary<string, IReadOnlyList<SeriesPoint>>(StringComparer.Ordinal)
        {
            ["local-a"] = [.. Enumerable.Range(0, Held).Select(t => new SeriesPoint(Start + (Bucket * t), 20))],
            ["local-b"] = [.. Enumerable.Range(0, Held).Select(t => new SeriesPoint(Start + (Bucket * t), 5))],
        };
        var history = LoadHistory.Build(["local-a", "local-b"], clusters, domains, End, Bucket);

        var forecasts = PlacementForecast.Forecast(history, [new("local-a", Library, "x", 20), new("local-a", Library, "y", 20)], Horizon, ModelChoice.Holt, period: 0);

        Assert.Equal(0.5, history.Calls["local-a"]);
        Assert.All(forecasts.Clusters["local-a"]!.Mean, m => Assert.Equal(20, m, 6));
        Assert.All(forecasts.Clusters["local-b"]!.Mean, m => Assert.Equal(5, m, 6));
    }

    [Fact]
    public void WithoutDomainSeries_EachClusterIsForecastFromItsOwnSeries()
    {
        var (_, clusters, _) = MovedDomain();
        var history = LoadHistory.Build(Names, clusters, [], End, Bucket);

        var forecasts = PlacementForecast.Forecast(history, [], Horizon, ModelChoice.Holt, period: 0);

        Assert.Empty(forecasts.Domains);
        Assert.Equal(Forecaster.Forecast(history.Clusters["local-b"], Horizon, ModelChoice.Holt, 0).Mean, forecasts.Clusters["local-b"]!.Mean);
    }

    [Fact]
    public void ABucketReportedWithoutADomain_ReadsZeroForIt_AndAGapNobodyReportedCarriesItsLastValue()
    {
        // Reports at minutes 0..3 and 5 (none at 4); the domain was queried at 0, 1 and 5 only.
        int[] reported = [0, 1, 2, 3, 5];
        int[] queried = [0, 1, 5];
        var clusters = new Dictionary<string, IReadOnlyList<SeriesPoint>>(StringComparer.Ordinal)
        {
            ["local-a"] = [.. reported.Select(t => new SeriesPoint(Start + (Bucket * t), 10))],
        };
        List<DomainRatePoint> domains = [.. queried.Select(t => new DomainRatePoint("local-a", Library, "d", Start + (Bucket * t), 8))];

        var history = LoadHistory.Build(["local-a"], clusters, domains, Start + (Bucket * 6), Bucket);

        Assert.Equal([8, 8, 0, 0, 0, 8], history.Domains[new DomainKey(Library, "d")]);
        Assert.Equal([2, 2, 10, 10, 10, 2], history.Residuals["local-a"]);
    }
}
