using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Xunit.Abstractions;
using static MultiCluster.Rebalancer.Tests.EndToEnd.LoadReports;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>PredictRebalancingNeeds and GetPredictionAccuracy over a series fed as an Orchestrator would report it.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class PredictionTests(RebalancerFixture fixture, ITestOutputHelper output)
{
    private const int Windows = 36;

    /// <summary>Three minutes of 5 s reports: local-a climbing 2 req/s per window from 10, local-b and local-c flat at 20.</summary>
    private Task<DateTimeOffset> FeedTrendAsync() =>
        FeedAsync(fixture, Windows, (end, i) => Report("orchestrator-1", end, Load("local-a", 10 + (2 * i)), Load("local-b", 20), Load("local-c", 20)));

    [Fact]
    public async Task ARisingCluster_IsForecastToKeepRising_AndItsImbalanceToBreach()
    {
        await fixture.ResetAsync();
        await FeedTrendAsync();
        var request = new PredictRebalancingNeedsRequest { Horizon = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)), Step = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) };

        var response = await fixture.Client.PredictRebalancingNeedsAsync(request).ResponseAsync.Within();

        Assert.Equal(ForecastModel.Holt, response.Model);
        Assert.Equal(RebalancerFixture.ClusterNames, response.Clusters.Select(c => c.Cluster.Name));
        var a = response.Clusters[0];
        Assert.Equal(12, a.Samples.Count);
        var rates = a.Samples.Select(s => s.RequestRatePerSecond).ToList();
        Assert.True(rates.Zip(rates.Skip(1)).All(p => p.Second > p.First) && rates[^1] > 80, string.Join(", ", rates));
        Assert.All(response.Clusters.Skip(1), c => Assert.All(c.Samples, s => Assert.InRange(s.RequestRatePerSecond, 19.9, 20.1)));
        Assert.Equal("max_load_imbalance", a.BreachedThreshold);
        Assert.True(response.RebalancingRecommended);
        Assert.NotNull(response.RecommendedStartTime);
        Assert.InRange(response.Confidence, 0.01, 1);
        Assert.Equal(36L, await fixture.ScalarAsync<long>("SELECT count(*) FROM forecasts WHERE metric = 'request_rate'"));
    }

    [Fact]
    public async Task AHorizonBeyondTheHistory_IsRefused_NamingTheHorizon()
    {
        await fixture.ResetAsync();
        await FeedTrendAsync();

        await AssertRefusedAsync(
            (PredictRebalancingNeedsRequest r) => fixture.Client.PredictRebalancingNeedsAsync(r),
            [(new PredictRebalancingNeedsRequest { Horizon = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)) }, global::Grpc.Core.StatusCode.InvalidArgument, "horizon: 00:10:00 reaches further ahead than")]);
    }

    [Fact]
    public async Task Forecasts_AreScoredAsTheirTimeArrives_AgainstTheNaiveForecast()
    {
        await fixture.ResetAsync();
        var start = await FeedTrendAsync();
        var request = new PredictRebalancingNeedsRequest { Horizon = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)), Step = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) };
        await fixture.Client.PredictRebalancingNeedsAsync(request).ResponseAsync.Within();

        // The trend goes on being reported; the naive forecast (the last value) misses a climbing rate: once it has an error, rates were scored.
        var accuracy = await ReportUntilScoredAsync(
            fixture,
            () => Report("orchestrator-1", DateTimeOffset.UtcNow, Load("local-a", 10 + (2 * (Windows - 1 + ((DateTimeOffset.UtcNow - start).TotalSeconds / 5)))), Load("local-b", 20), Load("local-c", 20)),
            a => a.Clusters.SingleOrDefault(c => c.Cluster.Name == "local-a")?.NaiveRequestRateMapePercent > 0,
            "request rate forecasts of local-a scored");

        var a = accuracy.Clusters.Single(c => c.Cluster.Name == "local-a");
        output.WriteLine($"local-a: MAPE {a.RequestRateMapePercent:0.00}% against naive {a.NaiveRequestRateMapePercent:0.00}% over {a.EvaluatedCount} values; interval coverage {accuracy.RequestRateIntervalCoverage:P0}");
        Assert.True(a.RequestRateMapePercent < a.NaiveRequestRateMapePercent, a.ToString());
        Assert.True(accuracy.EvaluatedCount >= a.EvaluatedCount);
        Assert.InRange(accuracy.RequestRateIntervalCoverage, 0, 1);
    }
}
