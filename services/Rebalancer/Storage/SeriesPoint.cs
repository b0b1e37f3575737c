namespace MultiCluster.Rebalancer.Storage;

/// <summary>One bucket of a time series: its start and the value over [start, start + bucket).</summary>
public readonly record struct SeriesPoint(DateTimeOffset Start, double Value);
