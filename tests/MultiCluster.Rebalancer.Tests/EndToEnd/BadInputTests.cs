using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Rebalancer.Tests.EndToEnd.LoadReports;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>Every built RPC refuses bad input with the right status and a message starting with the field at fault.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class BadInputTests(RebalancerFixture fixture)
{
    private static Duration Span(double seconds) => Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task PredictRebalancingNeeds_RefusesBadHorizonsStepsAndModels()
    {
        await fixture.ResetAsync();
        var client = fixture.Client;

        await AssertRefusedAsync((PredictRebalancingNeedsRequest r) => client.PredictRebalancingNeedsAsync(r),
        [
            (new PredictRebalancingNeedsRequest { Horizon = Span(0) }, StatusCode.InvalidArgument, "horizon: 00:00:00 is out of range"),
            (new PredictRebalancingNeedsRequest { Horizon = Span(31 * 86_400) }, StatusCode.InvalidArgument, "horizon: 31.00:00:00 is out of range"),
            (new PredictRebalancingNeedsRequest { Horizon = new Duration { Seconds = 60, Nanos = -1 } }, StatusCode.InvalidArgument, "horizon: not a valid duration"),
            (new PredictRebalancingNeedsRequest { Horizon = Span(60), Step = Span(0) }, StatusCode.InvalidArgument, "step:"),
            (new PredictRebalancingNeedsRequest { Horizon = Span(60), Step = Span(61) }, StatusCode.InvalidArgument, "step:"),
            (new PredictRebalancingNeedsRequest { Horizon = Span(60), Model = (ForecastModel)99 }, StatusCode.InvalidArgument, "model:"),
            // No history at all: nothing can be forecast, however near.
            (new PredictRebalancingNeedsRequest { Horizon = Span(5) }, StatusCode.InvalidArgument, "horizon: the history holds 0 buckets"),
        ]);
    }

    [Fact]
    public async Task AnalyzeLoadDistribution_RefusesABadLibraryName_AndDoesNotFindAnUnknownOne()
    {
        await AssertRefusedAsync((AnalyzeLoadDistributionRequest r) => fixture.Client.AnalyzeLoadDistributionAsync(r),
        [
            (new AnalyzeLoadDistributionRequest { Library = "Not A Name!" }, StatusCode.InvalidArgument, "library:"),
            (new AnalyzeLoadDistributionRequest { Library = "never-seen-library" }, StatusCode.NotFound, "library:"),
        ]);
    }

    [Fact]
    public async Task SetRebalancingThresholds_RefusesOutOfRangeAndInconsistentValues_AndKeepsTheStoredOnes()
    {
        await fixture.ResetAsync();
        var client = fixture.Client;

        await AssertRefusedAsync((SetRebalancingThresholdsRequest r) => client.SetRebalancingThresholdsAsync(r),
        [
            (new SetRebalancingThresholdsRequest(), StatusCode.InvalidArgument, "thresholds: required"),
            (new SetRebalancingThresholdsRequest { Thresholds = new() { MaxFillRatio = 1.5 } }, StatusCode.InvalidArgument, "thresholds.max_fill_ratio:"),
            (new SetRebalancingThresholdsRequest { Thresholds = new() { MaxLoadImbalance = -1 } }, StatusCode.InvalidArgument, "thresholds.max_load_imbalance:"),
            (new SetRebalancingThresholdsRequest { Thresholds = new() { MaxLatencyP99Ms = double.PositiveInfinity } }, StatusCode.InvalidArgument, "thresholds.max_latency_p99_ms:"),
            (new SetRebalancingThresholdsRequest { Thresholds = new() { Cooldown = Span(-1) } }, StatusCode.InvalidArgument, "thresholds.cooldown:"),
            (new SetRebalancingThresholdsRequest { Thresholds = new() { MaxConcurrentMoves = 17 } }, StatusCode.InvalidArgument, "thresholds.max_concurrent_moves:"),
            (new SetRebalancingThresholdsRequest { Thresholds = new() { MaxConcurrentMoves = 8, MaxMovesPerRun = 3 } }, StatusCode.InvalidArgument, "thresholds.max_concurrent_moves: 8 is above max_moves_per_run 3"),
            (new SetRebalancingThresholdsRequest { Thresholds = new(), UpdateMask = new FieldMask { Paths = { "max_speed" } } }, StatusCode.InvalidArgument, "update_mask.paths[0]:"),
        ]);

        var stored = await client.SetRebalancingThresholdsAsync(new SetRebalancingThresholdsRequest { Thresholds = new(), UpdateMask = new FieldMask { Paths = { "max_fill_ratio" } } }).ResponseAsync.Within();
        Assert.Equal((0.85, 0.3), (stored.Thresholds.MaxFillRatio, stored.Thresholds.MaxLoadImbalance));
    }

    [Fact]
    public async Task TimeRanges_AreChecked_ByGetPredictionAccuracyAndGetRebalancingMetrics()
    {
        var now = DateTimeOffset.UtcNow;
        var inverted = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(now), EndTime = Timestamp.FromDateTimeOffset(now.AddHours(-1)) };
        var invalid = new TimeRange { StartTime = new Timestamp { Seconds = long.MaxValue } };

        await AssertRefusedAsync((GetPredictionAccuracyRequest r) => fixture.Client.GetPredictionAccuracyAsync(r),
        [
            (new GetPredictionAccuracyRequest { TimeRange = inverted }, StatusCode.InvalidArgument, "time_range: start_time"),
            (new GetPredictionAccuracyRequest { TimeRange = invalid }, StatusCode.InvalidArgument, "time_range.start_time:"),
        ]);
        await AssertRefusedAsync((GetRebalancingMetricsRequest r) => fixture.Client.GetRebalancingMetricsAsync(r),
            [(new GetRebalancingMetricsRequest { TimeRange = invalid }, StatusCode.InvalidArgument, "time_range.start_time:")]);
    }

    [Fact]
    public async Task GetRebalancingMetrics_ReportsTheImbalanceNow_AndNoRebalancingYet()
    {
        await fixture.ResetAsync();
        await PublishAsync(fixture, Report("orchestrator-1", DateTimeOffset.UtcNow, Load("local-a", 30), Load("local-b", 10), Load("local-c", 20)));

        GetRebalancingMetricsResponse? metrics = null;
        await Eventually.TrueAsync(async () => (metrics = await fixture.Client.GetRebalancingMetricsAsync(new GetRebalancingMetricsRequest()).ResponseAsync).CurrentLoadImbalance > 0, "the load in the metrics");

        // Rates 30, 10, 20: mean 20, population sd sqrt(200 / 3), cv 0.408248.
        Assert.Equal(Math.Sqrt(200.0 / 3) / 20, metrics!.CurrentLoadImbalance, 6);
        Assert.Equal((0ul, 0ul, false), (metrics.RebalancingCount, metrics.MovesCompleted, metrics.AutoRebalancing.Enabled));
    }
}
