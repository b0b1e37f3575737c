namespace MultiCluster.Rebalancer.Execution;

/// <summary>Totals of the runs started in a range, as GetRebalancingMetrics reports them.</summary>
public sealed record RunFigures(
    long Runs, long Failures, long MovesCompleted, long PointsMoved, long BytesMoved, double MeanSizeReduction, TimeSpan MeanDuration, DateTimeOffset? LastFinishedAt);
