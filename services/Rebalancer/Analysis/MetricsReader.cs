using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Execution;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// GetRebalancingMetrics: the imbalance now, and the runs started in the range (counts, moves, points and bytes moved,
/// mean size imbalance reduction of the successful ones, mean duration, last finish). The auto mode reads as off until
/// it is built.
/// </summary>
public sealed class MetricsReader(LoadDistribution distribution, RunStore runs)
{
    /// <summary>The contract's default evaluation interval of the auto mode.</summary>
    private static readonly TimeSpan DefaultEvaluation = TimeSpan.FromSeconds(60);

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
            AutoRebalancing = new AutoRebalancingSettings { Enabled = false, EvaluationInterval = Duration.FromTimeSpan(DefaultEvaluation) },
            MeanDuration = Duration.FromTimeSpan(figures.MeanDuration),
        };
    }
}
