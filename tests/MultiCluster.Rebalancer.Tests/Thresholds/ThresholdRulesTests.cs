using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Thresholds;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.Thresholds;

public sealed class ThresholdRulesTests
{
    private static readonly ThresholdRules Rules = new(new RebalancerOptions());

    [Fact]
    public void Zeros_ResolveToTheDefaults_WithTheSeedsLoadImbalance()
    {
        var resolved = Rules.Apply(new RebalancingThresholds(), null, Rules.Defaults());

        Assert.Equal((0.85, 0.25, 0.3, 250.0, 0.05, 1u, 5u), (resolved.MaxFillRatio, resolved.MaxSizeImbalance, resolved.MaxLoadImbalance, resolved.MaxLatencyP99Ms, resolved.MaxErrorRate, resolved.MaxConcurrentMoves, resolved.MaxMovesPerRun));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)), (resolved.SustainDuration.ToTimeSpan(), resolved.Cooldown.ToTimeSpan()));
    }

    [Fact]
    public void AMask_ChangesOnlyTheFieldsItNames()
    {
        var current = Rules.Apply(new RebalancingThresholds { MaxFillRatio = 0.7, MaxMovesPerRun = 9 }, null, Rules.Defaults());

        var updated = Rules.Apply(new RebalancingThresholds { MaxLoadImbalance = 0.6, MaxFillRatio = 0.99 }, new FieldMask { Paths = { "max_load_imbalance" } }, current);

        Assert.Equal((0.7, 0.6, 9u), (updated.MaxFillRatio, updated.MaxLoadImbalance, updated.MaxMovesPerRun));
    }

    [Theory]
    [InlineData("max_fill_ratio", "thresholds.max_fill_ratio:")]
    [InlineData("nan_load", "thresholds.max_load_imbalance:")]
    [InlineData("error_rate", "thresholds.max_error_rate:")]
    [InlineData("moves", "thresholds.max_moves_per_run:")]
    [InlineData("concurrency_above_run", "thresholds.max_concurrent_moves:")]
    [InlineData("sustain", "thresholds.sustain_duration:")]
    [InlineData("mask", "update_mask.paths[1]:")]
    public void OutOfRangeOrInconsistent_IsRefused_NamingTheField(string fault, string start)
    {
        var (thresholds, mask) = fault switch
        {
            "max_fill_ratio" => (new RebalancingThresholds { MaxFillRatio = 1.5 }, null),
            "nan_load" => (new RebalancingThresholds { MaxLoadImbalance = double.NaN }, null),
            "error_rate" => (new RebalancingThresholds { MaxErrorRate = -0.1 }, null),
            "moves" => (new RebalancingThresholds { MaxMovesPerRun = 101 }, null),
            "concurrency_above_run" => (new RebalancingThresholds { MaxConcurrentMoves = 8, MaxMovesPerRun = 3 }, null),
            "sustain" => (new RebalancingThresholds { SustainDuration = new Duration { Seconds = 5, Nanos = -3 } }, null),
            _ => (new RebalancingThresholds(), new FieldMask { Paths = { "max_fill_ratio", "speed" } }),
        };

        var refusal = Assert.Throws<RebalancerException>(() => Rules.Apply(thresholds, mask, Rules.Defaults()));

        Assert.Equal(FailureKind.InvalidArgument, refusal.Kind);
        Assert.StartsWith(start, refusal.Message, StringComparison.Ordinal);
    }
}
