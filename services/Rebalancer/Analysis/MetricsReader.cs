using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Planning;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// GetRebalancingMetrics: the imbalance now, the runs started in the range (counts, moves, points and bytes moved,
/// mean size imbalance reduction of the successful ones, mean duration, last finish), and the auto mode's settings in
/// effect.
/// </summary>
public sealed class MetricsReader(LoadDistribution distribution, RunStore runs, AutoSettingsStore auto)
{
    public async Task<GetRebalancingMetricsResponse> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var now = await distribution.AnalyzeAsync("", cancellationToken);
        var figures = await runs.FiguresAsync(from, to, cancellationToken);
        return new GetRebalancingMetricsResponse
        {
            RebalancingCount = (ulong)figures.Runs,
            FailureCount = (ulong)figures.Failures,
            MovesCompleted = (ulong)figures.MovesCompleted,
            PointsMoved = (ulong)figures.PointsMoved,
            BytesMoved = (ulong)figures.BytesMoved,
            MeanSizeImbalanceReduction = figures.MeanSizeReduction,
            LastFinishedAt = figures.LastFinishedAt is { } last ? Timestamp.FromDateTimeOffset(last) : null,
            CurrentSizeImbalance = now.SizeImbalance,
            CurrentLoadImbalance = now.LoadImbalance,
            AutoRebalancing = await auto.CurrentAsync(cancellationToken),
            MeanDuration = Duration.FromTimeSpan(figures.MeanDuration),
        };
    }
}
