namespace MultiCluster.Orchestrator.Fusion;

/// <summary>One sampled query: the per-source lists a routed search fused, and the ids of its exhaustive top results, best first.</summary>
public sealed record FusionTrainingSample(IReadOnlyList<RankedSource> Lists, IReadOnlyList<string> ExhaustiveIds);
