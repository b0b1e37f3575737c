using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// One ranked list to fuse: a cluster's or a domain's answer, or a client's list in FuseResults.
/// <paramref name="Source"/> is the key of FusionConfig.weights; <paramref name="LowerIsBetter"/> is true for
/// distances (euclid), whose scores fusion turns around before comparing.
/// </summary>
public sealed record RankedSource(string Source, IReadOnlyList<ScoredPoint> Points, bool LowerIsBetter);
