using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>A stored run as the contract shows it: the history record, the watch message and its progress; and a kept plan's history record.</summary>
public static class RunView
{
    public static RebalancingRecord Record(RunSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var run = snapshot.Run;
        return new RebalancingRecord
        {
            OperationId = run.OperationId,
            Trigger = run.Trigger,
            State = run.State,
            Reason = run.Reason,
            Moves = { snapshot.Moves.Select(Outcome) },
            SizeImbalanceBefore = run.SizeBefore,
            SizeImbalanceAfter = run.SizeAfter,
            LoadImbalanceBefore = run.LoadBefore,
            LoadImbalanceAfter = run.LoadAfter,
            StartedAt = Timestamp.FromDateTimeOffset(run.StartedAt),
            FinishedAt = run.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
            Plan = run.Plan,
        };
    }

    /// <summary>A plan kept in plan_only mode: its moves never started, so no state; the imbalance before as the plan measured it.</summary>
    public static RebalancingRecord Record(KeptPlan kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        return new RebalancingRecord
        {
            OperationId = kept.EntryId,
            Trigger = kept.Trigger,
            Reason = kept.Reason,
            Moves = { kept.Plan.Moves.Select(m => new MoveOutcome { Move = m }) },
            SizeImbalanceBefore = kept.Plan.SizeImbalanceBefore,
            LoadImbalanceBefore = kept.Plan.LoadImbalanceBefore,
            StartedAt = Timestamp.FromDateTimeOffset(kept.PlannedAt),
            PlanOnly = true,
            Plan = kept.Plan,
        };
    }

    public static WatchRebalancingResponse Watch(RunSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new WatchRebalancingResponse { Progress = Progress(snapshot, now), Moves = { snapshot.Moves.Select(Outcome) } };
    }

    /// <summary>Phases as the contract names them: "moving" while moves run, "verifying" while the imbalance after is measured, "done".</summary>
    public static OperationProgress Progress(RunSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (run, moves) = (snapshot.Run, snapshot.Moves);
        var done = moves.Count(m => m.IsTerminal);
        var percent = moves.Count == 0 ? 100 : moves.Average(m => m.IsTerminal ? 100 : m.Percent);
        var libraries = moves.Select(m => m.Move.Library).Distinct(StringComparer.Ordinal).ToList();
        return new OperationProgress
        {
            OperationId = run.OperationId,
            Kind = OperationKind.Rebalancing,
            State = run.State,
            Phase = run.IsTerminal ? "done" : done == moves.Count ? "verifying" : "moving",
            DoneCount = (ulong)done,
            TotalCount = (ulong)moves.Count,
            Unit = "moves",
            Percent = run.IsTerminal ? 100 : Math.Min(99.9, percent),
            Message = Message(run, moves, done),
            Terminal = run.IsTerminal,
            Error = run.Error,
            Library = libraries.Count == 1 ? libraries[0] : "",
            CreatedAt = Timestamp.FromDateTimeOffset(run.StartedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(now),
            FinishedAt = run.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
        };
    }

    public static MoveOutcome Outcome(MoveRow move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return new MoveOutcome
        {
            Move = move.Move,
            MigrationOperationId = move.MigrationId ?? "",
            Phase = move.Phase,
            State = move.State,
            Percent = move.Percent,
            Error = move.Error,
        };
    }

    private static string Message(RunRow run, IReadOnlyList<MoveRow> moves, int done)
    {
        if (run.IsTerminal)
        {
            return run.Error is { } error ? error.Message : $"{done} of {moves.Count} moves succeeded";
        }

        // The throttle's last word on a running move: why it is paused, or that it resumed.
        var noted = moves.FirstOrDefault(m => m.Throttled) ?? moves.FirstOrDefault(m => !m.IsTerminal && m.Note.Length > 0);
        return noted is not null
            ? $"{done}/{moves.Count} moves done; moves[{noted.Index}] {noted.Note}"
            : $"{done}/{moves.Count} moves done";
    }
}
