using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// One move of a run as stored: the move, the migration at Specialization that carries it (once started), its phase,
/// state and completion, what it moved, and whether the adaptive throttle holds it paused (and why).
/// </summary>
public sealed record MoveRow(
    string OperationId,
    int Index,
    DomainMove Move,
    string? MigrationId,
    MigrationPhase Phase,
    OperationState State,
    double Percent,
    long PointsMoved,
    long BytesMoved,
    bool Throttled,
    string Note,
    OperationError? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsTerminal => State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;

    /// <summary>A move not started yet.</summary>
    public static MoveRow Pending(string operationId, int index, DomainMove move) =>
        new(operationId, index, move, null, MigrationPhase.Unspecified, OperationState.Pending, 0, 0, 0, false, "", null, null, null);
}
