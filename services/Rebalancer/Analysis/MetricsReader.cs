using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Planning;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// GetRebalancingMetrics, as far as it means something before any rebalancing runs: the imbalance now. Counts of
/// rebalancings, moves and bytes stay zero until execution is built; the auto mode's settings are those in effect.
/// </summary>
public sealed class MetricsReader(LoadDistribution distribution, AutoSettingsStore auto)
{
    public async Task<GetRebalancingMetricsResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var now = await distribution.AnalyzeAsync("", cancellationToken);
        return new GetRebalancingMetricsResponse
        {
            CurrentSizeImbalance = now.SizeImbalance,
            CurrentLoadImbalance = now.LoadImbalance,
            AutoRebalancing = await auto.CurrentAsync(cancellationToken),
            MeanDuration = new Duration(),
        };
    }
}
