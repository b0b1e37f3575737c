namespace MultiCluster.Rebalancer.Execution;

/// <summary>A run and its moves in plan order, read together.</summary>
public sealed record RunSnapshot(RunRow Run, IReadOnlyList<MoveRow> Moves);
