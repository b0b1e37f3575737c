using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Storage;

/// <summary>Aggregates of one strategy's analyses in the history.</summary>
public sealed record StrategyRuns(AnalysisStrategy Strategy, long Runs, long Failures, double? P50Ms, double? P95Ms, double? PointsPerSecond, double? MeanSilhouette);
