using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Storage;

/// <summary>An analysis as its history row is first written, when it is accepted.</summary>
public sealed record AnalysisStart(
    string OperationId,
    string Library,
    string? RequestId,
    string Trigger,
    bool DryRun,
    AnalysisSettings Settings,
    ulong Seed,
    DateTimeOffset StartedAt);
