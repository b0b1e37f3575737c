using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Analysis;

/// <summary>What one analysis runs with, nothing left to default.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Options">Its options in the strategies' Euclidean terms.</param>
/// <param name="SampleSize">Points to sample.</param>
/// <param name="KeywordFields">Payload keys for keywords; empty means every string field.</param>
/// <param name="Effective">The same as settings in the library's terms, as recorded in the history.</param>
public sealed record ResolvedAnalysis(AnalysisStrategy Strategy, StrategyOptions Options, int SampleSize, IReadOnlyList<string> KeywordFields, AnalysisSettings Effective)
{
    public ulong Seed => Options.Seed;
}
