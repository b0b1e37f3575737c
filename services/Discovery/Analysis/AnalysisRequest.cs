using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Analysis;

/// <summary>An analysis asked for by a client, the schedule or an event.</summary>
/// <param name="Library">Library to analyse.</param>
/// <param name="Settings">Settings of this run; null takes the configured ones.</param>
/// <param name="Points">Points to cluster instead of a sample; empty samples the library.</param>
/// <param name="DryRun">Analyse and report, store and publish nothing.</param>
/// <param name="RequestId">Idempotency key; null or empty for none.</param>
/// <param name="Trigger">Who asked and why, as the history keeps it ("request", "schedule", "event: …").</param>
public sealed record AnalysisRequest(string Library, AnalysisSettings? Settings, IReadOnlyList<Point> Points, bool DryRun, string? RequestId, string Trigger);
