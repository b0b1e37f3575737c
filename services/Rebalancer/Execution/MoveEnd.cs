using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>How a move ended: its migration's last phase and state, what it moved, and the error when it did not succeed.</summary>
public sealed record MoveEnd(MigrationPhase Phase, OperationState State, double Percent, long PointsMoved, long BytesMoved, OperationError? Error, DateTimeOffset At);
