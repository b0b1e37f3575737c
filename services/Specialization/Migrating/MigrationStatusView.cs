using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Migrating;

/// <summary>A migration row as the contract reports it: its full status and its generic progress.</summary>
public static class MigrationStatusView
{
    public static MigrationStatus Status(MigrationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var move = row.Move.Clone();
        move.PointCount = (ulong)Math.Max(row.PointsTotal, 0);
        var status = new MigrationStatus
        {
            OperationId = row.OperationId,
            Move = move,
            Phase = row.Phase,
            State = row.State,
            BatchSize = (uint)row.BatchSize,
            BatchesDone = (ulong)row.BatchesDone,
            BatchesTotal = row.PointsTotal == 0 ? 0 : (ulong)((row.PointsTotal + row.BatchSize - 1) / row.BatchSize),
            PointsCopied = (ulong)row.PointsCopied,
            PointsTotal = (ulong)row.PointsTotal,
            Checkpoint = row.Checkpoint ?? "",
            Attempt = (uint)row.Attempt,
            StartedAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(row.UpdatedAt),
        };
        if (row.Verification is { } verification)
        {
            status.Verification = verification;
        }

        if (row.Error is { } error)
        {
            status.Error = error;
        }

        return status;
    }

    /// <summary>
    /// The generic progress of the row; <paramref name="pointsPerSecond"/> (measured by the watcher) gives the rate
    /// in the message and the estimate of the time left.
    /// </summary>
    public static OperationProgress Progress(MigrationRow row, double pointsPerSecond = 0)
    {
        ArgumentNullException.ThrowIfNull(row);
        var progress = new OperationProgress
        {
            OperationId = row.OperationId,
            Kind = OperationKind.Migration,
            State = row.State,
            Phase = PhaseName(row.Phase),
            DoneCount = (ulong)(row.PointsCopied + row.PointsSkipped),
            TotalCount = (ulong)row.PointsTotal,
            Unit = "points",
            Percent = Percent(row),
            Message = Message(row, pointsPerSecond),
            Terminal = row.IsTerminal,
            Library = row.Library,
            CreatedAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(row.UpdatedAt),
        };
        if (row.Error is { } error)
        {
            progress.Error = error;
        }

        if (row.FinishedAt is { } finished)
        {
            progress.FinishedAt = Timestamp.FromDateTimeOffset(finished);
        }

        if (row.Phase == MigrationPhase.Copying && row.State == OperationState.Running && pointsPerSecond > 0 && row.PointsTotal > row.PointsCopied + row.PointsSkipped)
        {
            progress.EstimatedRemaining = Duration.FromTimeSpan(TimeSpan.FromSeconds((row.PointsTotal - row.PointsCopied - row.PointsSkipped) / pointsPerSecond));
        }

        return progress;
    }

    /// <summary>The phase in lower_snake_case, as OperationProgress.phase carries it ("cleaning_up").</summary>
    public static string PhaseName(MigrationPhase phase) => phase switch
    {
        MigrationPhase.CleaningUp => "cleaning_up",
        MigrationPhase.RollingBack => "rolling_back",
        _ => phase.ToString().ToLowerInvariant(),
    };

    // Copying is most of the work; the other phases take a slice each.
    private static double Percent(MigrationRow row) => row.Phase switch
    {
        MigrationPhase.Completed => 100,
        MigrationPhase.Copying => 2 + (78.0 * (row.PointsTotal == 0 ? 0 : Math.Min(1.0, (double)(row.PointsCopied + row.PointsSkipped) / row.PointsTotal))),
        MigrationPhase.Verifying => 80,
        MigrationPhase.Switching => 95,
        MigrationPhase.CleaningUp => 97,
        _ => row.IsTerminal ? 100 : 0,
    };

    private static string Message(MigrationRow row, double pointsPerSecond)
    {
        var what = row.IsSplit
            ? string.Create(CultureInfo.InvariantCulture, $"split of unassigned on {row.SourceCluster} into the domains of map v{row.MapVersion} (pass {row.Pass})")
            : string.Create(CultureInfo.InvariantCulture, $"{row.DomainId} {row.SourceCluster} -> {row.TargetCluster}");
        return row.Phase switch
        {
            MigrationPhase.Copying => string.Create(CultureInfo.InvariantCulture,
                $"{what}: batch {row.BatchesDone} copied, {row.PointsCopied}/{row.PointsTotal} points{(row.PointsSkipped > 0 ? $" ({row.PointsSkipped} skipped: newer in their domain)" : "")}{(pointsPerSecond > 0 ? $", {pointsPerSecond:F0} points/s" : "")}"),
            MigrationPhase.Verifying when row.Verification is { Matched: false } v => string.Create(CultureInfo.InvariantCulture,
                $"{what}: verifying again after repair (source {v.SourceCount}, target {v.TargetCount})"),
            _ => $"{what}: {PhaseName(row.Phase).Replace('_', ' ')}{(row.State == OperationState.Paused ? " (paused)" : "")}"
                + (row.Error is { } e ? ": " + e.Message : ""),
        };
    }
}
