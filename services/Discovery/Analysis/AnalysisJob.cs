using MultiCluster.Discovery.Libraries;
using MultiCluster.Discovery.Sampling;

namespace MultiCluster.Discovery.Analysis;

/// <summary>Everything one accepted analysis runs with.</summary>
/// <param name="Library">The library as the clusters hold it when accepted.</param>
/// <param name="Settings">Resolved settings.</param>
/// <param name="Inline">The points given in the request instead of a sample; null to sample the library.</param>
/// <param name="DryRun">Analyse and report, store and publish nothing.</param>
public sealed record AnalysisJob(LibraryInfo Library, ResolvedAnalysis Settings, LibrarySample? Inline, bool DryRun);
