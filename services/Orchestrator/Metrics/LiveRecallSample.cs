using MultiCluster.Orchestrator.Fusion;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// A routed search to replay exhaustively: its query, the ids it answered (best first), and the per-source lists it
/// fused (which also teach ML_BASED fusion; empty when the caller has none).
/// </summary>
public sealed record LiveRecallSample(string Library, float[] Vector, MultiCluster.Clusters.Filter? Filter, IReadOnlyList<string> RoutedIds, IReadOnlyList<RankedSource> Lists);
