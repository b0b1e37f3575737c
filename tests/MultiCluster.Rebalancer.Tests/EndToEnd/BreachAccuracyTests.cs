using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Rebalancer.Tests.EndToEnd.LoadReports;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>
/// GetPredictionAccuracy's breach_precision and breach_recall over forecasts of max_load_imbalance made through
/// PredictRebalancingNeeds and load reported as an Orchestrator would, bucket by bucket (5 s buckets, a tolerance of one).
/// </summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class BreachAccuracyTests(RebalancerFixture fixture)
{
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(5);

    /// <summary>local-a's rate that puts the coefficient of variation of (a, 20, 20) at 0.566 (below both limits) and 0.951 (between them).</summary>
    private const double Low = 60;

    private const double High = 143;

    /// <summary>Crossed by the straight line the history follows a few buckets ahead.</summary>
    private const double FirstLimit = 0.938;

    /// <summary>Crossed by the same line later; never by what is then reported.</summary>
    private const double SecondLimit = 0.968;

    [Fact]
    public async Task OneForeseenBreach_OneFalseAlarm_AndOneUnforeseenBreach_GivePrecisionAndRecallOfOneHalf()
    {
        await fixture.ResetAsync();
        // Three minutes of local-a climbing 3 req/s per window from 20 (imbalance 0.90 at the end), local-b and local-c at 20.
        await FeedAsync(fixture, 36, (end, i) => Report("orchestrator-1", end, Load("local-a", 20 + (3 * i)), Load("local-b", 20), Load("local-c", 20)));
        var (foreseen, start) = await PredictAsync(FirstLimit);
        var (falseAlarm, _) = await PredictAsync(SecondLimit);
        Assert.True(foreseen >= start + (2 * Bucket) && falseAlarm >= foreseen + (2 * Bucket), $"forecast breaches at {foreseen:O} and {falseAlarm:O}, forecasts from {start:O}");
        Assert.Equal(
            foreseen.UtcDateTime,
            await fixture.ScalarAsync<DateTime>("SELECT breach_time FROM forecast_breaches WHERE threshold = 'max_load_imbalance' AND threshold_value = @l", ("l", FirstLimit)));

        // Low until a bucket before the first forecast breach (foreseen within the tolerance), high for three buckets,
        // low for two, then high again (above the first limit, a breach its forecast did not see; below the second, so
        // the second forecast's breach never happens).
        double LocalA(DateTimeOffset at)
        {
            var bucket = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((at - DateTimeOffset.UnixEpoch).Ticks / Bucket.Ticks * Bucket.Ticks);
            return bucket < foreseen - Bucket ? Low : bucket <= foreseen + Bucket ? High : bucket <= foreseen + (3 * Bucket) ? Low : High;
        }

        var accuracy = await Eventually.ValueAsync(
            async () =>
            {
                var now = DateTimeOffset.UtcNow;
                await PublishAsync(fixture, Report("orchestrator-1", now, Load("local-a", LocalA(now)), Load("local-b", 20), Load("local-c", 20)));
                await Task.Delay(1000);
                return await fixture.Client.GetPredictionAccuracyAsync(new GetPredictionAccuracyRequest()).ResponseAsync;
            },
            a => a.BreachPrecision == 0.5 && a.BreachRecall == 0.5,
            "both forecast breaches judged and both actual breaches seen",
            TimeSpan.FromMinutes(3),
            TimeSpan.Zero,
            a => $"precision {a.BreachPrecision}, recall {a.BreachRecall}");

        Assert.Equal((0.5, 0.5), (accuracy.BreachPrecision, accuracy.BreachRecall));
        // The time range selects forecast breaches by their forecast time and actual breaches by their onset.
        Assert.Equal((1.0, 1.0), await BreachesAsync(start, foreseen + (2 * Bucket)));
        Assert.Equal((0.0, 0.0), await BreachesAsync(foreseen + (2 * Bucket), null));
    }

    /// <summary>Sets max_load_imbalance to <paramref name="limit"/> and forecasts two minutes ahead with a straight line; returns the breach forecast and the first forecast bucket.</summary>
    private async Task<(DateTimeOffset Breach, DateTimeOffset Start)> PredictAsync(double limit)
    {
        await fixture.Client.SetRebalancingThresholdsAsync(new SetRebalancingThresholdsRequest
        {
            Thresholds = new RebalancingThresholds { MaxLoadImbalance = limit },
            UpdateMask = new FieldMask { Paths = { "max_load_imbalance" } },
        }).ResponseAsync.Within();
        var response = await fixture.Client.PredictRebalancingNeedsAsync(new PredictRebalancingNeedsRequest
        {
            Horizon = Duration.FromTimeSpan(TimeSpan.FromMinutes(2)), Step = Duration.FromTimeSpan(Bucket), Model = ForecastModel.Linear,
        }).ResponseAsync.Within();
        var a = response.Clusters.Single(c => c.Cluster.Name == "local-a");
        Assert.Equal("max_load_imbalance", a.BreachedThreshold);
        return (a.BreachTime.ToDateTimeOffset(), a.Samples[0].Time.ToDateTimeOffset());
    }

    private async Task<(double Precision, double Recall)> BreachesAsync(DateTimeOffset from, DateTimeOffset? to)
    {
        var range = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(from), EndTime = to is { } t ? Timestamp.FromDateTimeOffset(t) : null };
        var accuracy = await fixture.Client.GetPredictionAccuracyAsync(new GetPredictionAccuracyRequest { TimeRange = range }).ResponseAsync.Within();
        return (accuracy.BreachPrecision, accuracy.BreachRecall);
    }
}
