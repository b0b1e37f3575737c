using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>One SpecializeCluster operation (table specializations): its plan, what it has started and what is left.</summary>
public sealed record SpecializationRow(
    string OperationId,
    string Library,
    string PlanId,
    string? RequestId,
    OperationState State,
    IReadOnlyList<string> MigrationIds,
    string ClusterFilter,
    ulong SplitMapVersion,
    int Started,
    int MaxParallel,
    int BatchSize,
    OperationError? Error,
    DateTimeOffset CreatedAt);
