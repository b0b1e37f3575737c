using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Storage;

/// <summary>The final state of an analysis as its history row records it.</summary>
public sealed record AnalysisCompletion(
    string OperationId,
    OperationState State,
    string Message,
    ulong MapVersion = 0,
    int DomainCount = 0,
    long SampledPoints = 0,
    double Silhouette = 0,
    bool Published = false,
    double DurationMs = 0,
    double ClusteringMs = 0,
    OperationError? Error = null);
