using System.Globalization;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Execution;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// Why a rebalancing should not act now, in words for the plan's explanation: the global cooldown since the last
/// rebalancing ended has not passed, or no threshold is exceeded. Null when it may act.
/// </summary>
public sealed class RebalancingGate(RebalancingRuns runs, TimeProvider time)
{
    /// <summary>The cooldown (thresholds.cooldown) since the last rebalancing ended, or since <paramref name="lastPlanned"/> when later.</summary>
    public async Task<string?> CoolingAsync(RebalancingThresholds thresholds, DateTimeOffset? lastPlanned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var finished = await runs.LastFinishedAtAsync(cancellationToken);
        var last = new[] { finished, lastPlanned }.Max();
        var cooldown = thresholds.Cooldown.ToTimeSpan();
        return last is { } at && at + cooldown > time.GetUtcNow()
            ? F($"the cooldown of {cooldown} (thresholds.cooldown) since the last rebalancing at {at:O} lasts until {at + cooldown:O}")
            : null;
    }

    /// <summary>Why <paramref name="analysis"/> calls for nothing, or null when it exceeds a threshold.</summary>
    public static string? Calm(AnalyzeLoadDistributionResponse analysis, RebalancingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(thresholds);
        return analysis.ExceedsThresholds
            ? null
            : F($"no threshold is exceeded (load imbalance {analysis.LoadImbalance:0.###} <= {thresholds.MaxLoadImbalance:0.###}, size imbalance {analysis.SizeImbalance:0.###} <= {thresholds.MaxSizeImbalance:0.###}, no cluster above max_fill_ratio, p99 or error limits)");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
