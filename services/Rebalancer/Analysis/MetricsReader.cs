using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// GetRebalancingMetrics, as far as it means something before any rebalancing runs: the imbalance now. Counts of
/// rebalancings, moves and bytes stay zero and the auto mode reads as off until execution is built.
/// </summary>
public sealed class MetricsReader(LoadDistribution distribution)
{
    /// <summary>The contract's default evaluation interval of the auto mode.</summary>
    private static readonly TimeSpan DefaultEvaluation = TimeSpan.FromSeconds(60);

    public async Task<GetRebalancingMetricsResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var now = await distribution.AnalyzeAsync("", cancellationToken);
        return new GetRebalancingMetricsResponse
        {
            CurrentSizeImbalance = now.SizeImbalance,
            CurrentLoadImbalance = now.LoadImbalance,
            AutoRebalancing = new AutoRebalancingSettings { Enabled = false, EvaluationInterval = Duration.FromTimeSpan(DefaultEvaluation) },
            MeanDuration = new Duration(),
        };
    }
}
