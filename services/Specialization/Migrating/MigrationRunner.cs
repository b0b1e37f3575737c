using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Tuning;
using MultiCluster.Specialization.Verification;
using Npgsql;
using Google.Protobuf.WellKnownTypes;
using VerificationResult = MultiCluster.Contracts.V1.Verification;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Runs one claimed migration job through its phases, from wherever its row says it is: PREPARING (target collection
/// with the source's spec; routing MOVING, committed with the phase change), COPYING (<see cref="BatchCopier"/>),
/// VERIFYING (the final check: <see cref="VerifyAsync"/>), SWITCHING (routing
/// flips to the target, committed with the phase change), CLEANING_UP (the source dropped after the grace period),
/// COMPLETED. Every phase is safe to run again after a crash. A failing cluster is retried with backoff, the error
/// shown in the status; after <see cref="MaxFailures"/> failures in a row the job is PAUSED, its checkpoint kept and
/// routing still MOVING, to be resumed when the cluster is healthy — except in CLEANING_UP, which needs nothing but the
/// source's cluster and retries until it is back. Verification that still differs after
/// <see cref="MaxRepairRounds"/> rounds FAILS the job: routing rolls back and the target copy is dropped. A split of
/// "unassigned" runs its own phases (<see cref="UnassignedSplitter"/>) under the same retries, pause and cancel.
/// </summary>
public sealed partial class MigrationRunner(
    IClusterRegistry registry,
    RoutingTableStore routing,
    RoutingSignal routingSignal,
    MigrationJournal journal,
    BatchCopier copier,
    RangeReconciler reconciler,
    UnassignedSplitter splitter,
    SpecializationOptions options,
    TimeProvider time,
    ILogger<MigrationRunner> logger)
{
    public const int MaxFailures = 8;
    public const int MaxRepairRounds = 5;

    /// <summary>Source page of the final check: large, as it is read whole (the gRPC message limit bounds it).</summary>
    private const int FinalPageSize = 1000;

    /// <summary>Runs the job until it ends, pauses, or <paramref name="cancellationToken"/> stops the host.</summary>
    public async Task<MigrationRow> RunAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        LogRunning(row.OperationId, row.Phase, row.Attempt);
        var failures = 0;
        while (!row.IsTerminal && row.State != OperationState.Paused)
        {
            try
            {
                row = await StepAsync(row, cancellationToken);
                failures = 0;
            }
            catch (Exception e) when (e is VectorClusterException or NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                LogStepFailed(row.OperationId, row.Phase, failures, e.Message);
                var cluster = (e as VectorClusterException)?.Cluster;
                // Cleaning up only drops a collection routing no longer names: it waits for its cluster however long
                // that is down, as a pause would only need a resume once the cluster is back anyway.
                var waits = row.Phase == MigrationPhase.CleaningUp;
                var error = new OperationError
                {
                    Code = "UNAVAILABLE",
                    Message = waits
                        ? $"{PhaseName(row)} failed {failures} times in a row ({e.Message}); routing no longer names {row.Collection} on {row.SourceCluster}, and its drop is retried until the cluster answers."
                        : failures < MaxFailures
                        ? $"{PhaseName(row)} failed ({e.Message}); retrying ({failures} of {MaxFailures})."
                        : $"{PhaseName(row)} failed {MaxFailures} times in a row ({e.Message}); paused at its checkpoint. Resume it with MigrateToSpecialization(resume_operation_id) once the clusters are healthy, or cancel it.",
                    Retryable = true,
                };
                if (cluster is not null)
                {
                    error.Cluster = new ClusterRef { Name = cluster };
                }

                row = await TrySaveAsync(row with { Error = error, State = waits || failures < MaxFailures ? OperationState.Running : OperationState.Paused }, cancellationToken);
                if (row.State == OperationState.Running)
                {
                    var backoff = TimeSpan.FromMilliseconds(250 * (1 << Math.Min(failures, 6)));
                    await Task.Delay(backoff < options.MigrationRetryDelayCap ? backoff : options.MigrationRetryDelayCap, time, cancellationToken);
                }
            }
        }

        LogStopped(row.OperationId, row.State, row.Phase);
        return row;
    }

    /// <summary>Rolls a job back (cancel, or a verification that never matched) and ends it in <paramref name="final"/>.</summary>
    public async Task<MigrationRow> RollBackAsync(MigrationRow row, OperationState final, OperationError? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.IsSplit || row.IsReplicaDrop)
        {
            // What a split copied are valid copies, left where they are; routing never changed and nothing was deleted.
            // A replica drop changes routing only when it switches, after which it is not rolled back: nothing to undo.
            return await journal.PublishAsync(row with
            {
                State = row.Requested == MigrationRequest.Cancel ? OperationState.Cancelled : final,
                Error = error ?? row.Error,
                FinishedAt = time.GetUtcNow(),
            }, cancellationToken);
        }

        if (row.Phase != MigrationPhase.RollingBack)
        {
            row = await journal.PublishAsync(row with { Phase = MigrationPhase.RollingBack, Error = error ?? row.Error }, async (transaction, next) =>
            {
                await routing.ChangeAsync(transaction, row.Library, new RoutingEdit(
                    $"{row.DomainId} move {row.SourceCluster} -> {row.TargetCluster} abandoned",
                    table => RouteEntries.Find(table, row.DomainId) is { } entry && entry.ReadClusters.Concat(entry.WriteClusters).Any(c => c.Name == row.TargetCluster)
                        ? Put(table, RouteEntries.AbortMove(entry, row.RouteBefore ?? new RouteEntry(), row.TargetCluster))
                        : [],
                    row.OperationId), cancellationToken);
                return next;
            }, cancellationToken);
            routingSignal.Notify();
        }

        if (row.RouteBefore is null || !row.RouteBefore.ReadClusters.Any(c => c.Name == row.TargetCluster))
        {
            await registry.GetCluster(row.TargetCluster).DropCollectionAsync(row.Collection, cancellationToken);
        }

        var ended = row.Requested == MigrationRequest.Cancel ? OperationState.Cancelled : final;
        return await journal.PublishAsync(row with { State = ended, FinishedAt = time.GetUtcNow() }, cancellationToken);
    }

    private async Task<MigrationRow> StepAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        if (row.Phase == MigrationPhase.RollingBack)
        {
            return await RollBackAsync(row, OperationState.Failed, null, cancellationToken);
        }

        if (!row.HasSwitched && row.Requested != MigrationRequest.None)
        {
            return row.Requested == MigrationRequest.Cancel
                ? await RollBackAsync(row, OperationState.Cancelled, null, cancellationToken)
                : await journal.PublishAsync(row with { State = OperationState.Paused }, cancellationToken);
        }

        if (row.IsSplit)
        {
            try
            {
                return await splitter.StepAsync(row, cancellationToken);
            }
            catch (SplitFailedException failure)
            {
                return await RollBackAsync(row, OperationState.Failed, failure.Error, cancellationToken);
            }
        }

        var source = registry.GetCluster(row.SourceCluster);
        var target = registry.GetCluster(row.TargetCluster);
        switch (row.Phase)
        {
            case MigrationPhase.Queued or MigrationPhase.Preparing when row.IsReplicaDrop:
                // Nothing is copied: the replica leaves routing (committed with CLEANING_UP) and is dropped after the grace.
                return await SwitchAsync(row, cancellationToken);
            case MigrationPhase.Queued:
            case MigrationPhase.Preparing:
                return await PrepareAsync(row, source, target, cancellationToken);
            case MigrationPhase.Copying:
                var (copied, finished) = await copier.CopyAsync(row, source, target, cancellationToken);
                return finished ? await journal.PublishAsync(copied with { Phase = MigrationPhase.Verifying, Error = null }, cancellationToken) : copied;
            case MigrationPhase.Verifying:
                return await VerifyAsync(row, source, target, cancellationToken);
            case MigrationPhase.Switching:
                return await SwitchAsync(row, cancellationToken);
            case MigrationPhase.CleaningUp:
                return await CleanUpAsync(row, source, cancellationToken);
            default:
                return await journal.PublishAsync(row with { Phase = MigrationPhase.Completed, State = OperationState.Succeeded, FinishedAt = time.GetUtcNow() }, cancellationToken);
        }
    }

    private async Task<MigrationRow> PrepareAsync(MigrationRow row, IVectorCluster source, IVectorCluster target, CancellationToken cancellationToken)
    {
        if (row.Phase != MigrationPhase.Preparing)
        {
            row = await journal.PublishAsync(row with { Phase = MigrationPhase.Preparing }, cancellationToken);
        }

        var described = await source.DescribeCollectionAsync(row.Collection, cancellationToken);
        await CollectionTuning.EnsureAsync(target, described.Spec, cancellationToken);
        var total = await source.CountAsync(row.Collection, null, cancellationToken);
        var next = await journal.PublishAsync(row with { PointsTotal = total, Error = null }, async (transaction, current) =>
        {
            RouteEntry? before = null;
            await routing.ChangeAsync(transaction, row.Library, new RoutingEdit(
                $"{row.DomainId} moving {row.SourceCluster} -> {row.TargetCluster}",
                table =>
                {
                    var entry = RouteEntries.Find(table, row.DomainId) ?? RouteEntries.Placed(row.Library, row.DomainId, row.SourceCluster, []);
                    // A resumed PREPARING finds the row moving already; what it was before the move is what was stored then.
                    before = entry.Migrating ? current.RouteBefore ?? entry : entry;
                    var moving = row.Kind == MigrationKind.AddReplica ? RouteEntries.BeginCopy(entry, row.TargetCluster) : RouteEntries.BeginMove(entry, row.TargetCluster);
                    return moving.Equals(RouteEntries.Find(table, row.DomainId)) ? [] : Put(table, moving);
                },
                row.OperationId), cancellationToken);
            return current with { RouteBefore = before, Phase = MigrationPhase.Copying };
        }, cancellationToken);
        routingSignal.Notify();
        return next;
    }

    /// <summary>
    /// The final check before routing flips. The copy checked every batch on the target as it wrote it and kept the
    /// digest of what it read back (<see cref="MigrationRow.CopyDigest"/>), so the target need not be read whole again:
    /// the source is read once and its digest and count compared with that digest and the target's count. They agree
    /// only if the source still holds exactly what the target was seen to hold — a write that reached the source alone
    /// (a client that had not yet seen the MOVING route), a client's write to both clusters that a copied page
    /// overwrote on the target, a point added or deleted meanwhile all change the source's digest. What it cannot see
    /// is a change made to the target alone after its batch was checked (no writer does that: during a move writes go
    /// to both, or to the source). When they disagree the copy digest is dropped for good and both collections are
    /// compared and repaired range by range (<see cref="RangeReconciler"/>), round after round until a round finds
    /// them equal, at most <see cref="MaxRepairRounds"/> times; with checksums skipped only counts are compared.
    /// </summary>
    private async Task<MigrationRow> VerifyAsync(MigrationRow row, IVectorCluster source, IVectorCluster target, CancellationToken cancellationToken)
    {
        var collection = row.Collection;
        if (row.SkipChecksums)
        {
            var counts = await Task.WhenAll(source.CountAsync(collection, null, cancellationToken), target.CountAsync(collection, null, cancellationToken));
            if (counts[0] == counts[1])
            {
                return await SwitchNextAsync(row, Verified((counts[0], ""), (counts[1], "")));
            }
        }
        else if (row.CopyDigest is { } copied)
        {
            var read = CollectionDigest.ComputeAsync(source, collection, cancellationToken, FinalPageSize);
            var targetCount = await target.CountAsync(collection, null, cancellationToken);
            var digest = await read;
            if (digest.Count == targetCount && digest.Hex == copied)
            {
                return await SwitchNextAsync(row, Verified((digest.Count, digest.Hex), (targetCount, copied)));
            }

            LogCopyDigestDiffers(row.OperationId, digest.Count, targetCount);
            row = await journal.SaveAsync(row with { CopyDigest = null }, cancellationToken);
        }

        for (var round = 0; round <= MaxRepairRounds; round++)
        {
            var report = await reconciler.ReconcileAsync(source, target, collection, dryRun: round == MaxRepairRounds, cancellationToken);
            var verification = Verified((report.SourceCount, row.SkipChecksums ? "" : report.SourceDigest), (report.TargetCount, row.SkipChecksums ? "" : report.TargetDigest));
            if (report.InSync)
            {
                return await SwitchNextAsync(row, verification);
            }

            verification.Matched = false;
            if (round == MaxRepairRounds)
            {
                return await RollBackAsync(row with { Verification = verification }, OperationState.Failed, new OperationError
                {
                    Code = "DATA_LOSS",
                    Message = $"source and target of {collection} still differed after {MaxRepairRounds} repair rounds " +
                        $"({report.Missing} missing, {report.Stale} stale, {report.Extra} extra on {row.TargetCluster}); routing rolled back to {row.SourceCluster} " +
                        "and the target copy dropped. Resume it (MigrateToSpecialization with resume_operation_id) when writes to the domain are quieter.",
                    Retryable = true,
                }, cancellationToken);
            }

            LogRepaired(row.OperationId, round + 1, report.Repaired, report.Missing + report.Stale, report.Extra);
            row = await journal.PublishAsync(row with { Verification = verification }, cancellationToken);
            if (row.Requested != MigrationRequest.None)
            {
                return row;
            }
        }

        return row;

        Task<MigrationRow> SwitchNextAsync(MigrationRow verified, VerificationResult verification) =>
            journal.PublishAsync(verified with { Verification = verification, Phase = MigrationPhase.Switching, Error = null }, cancellationToken);
    }

    private VerificationResult Verified((long Count, string Digest) source, (long Count, string Digest) target) => new()
    {
        SourceCount = (ulong)source.Count,
        TargetCount = (ulong)target.Count,
        SourceChecksum = source.Digest,
        TargetChecksum = target.Digest,
        Matched = true,
        VerifiedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
    };

    private async Task<MigrationRow> SwitchAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        if (row.IsReplicaDrop)
        {
            return await DropReplicaAsync(row, cancellationToken);
        }

        var switched = await journal.PublishAsync(row, async (transaction, current) =>
        {
            await routing.ChangeAsync(transaction, row.Library, new RoutingEdit(
                $"migration of {row.DomainId} to {row.TargetCluster} verified",
                table => (RouteEntries.Find(table, row.DomainId), row.Kind) switch
                {
                    ({ } entry, MigrationKind.AddReplica) => Put(table, RouteEntries.CompleteCopy(entry, row.TargetCluster)),
                    ({ } entry, _) => Put(table, RouteEntries.CompleteMove(entry, row.SourceCluster, row.TargetCluster)),
                    (null, MigrationKind.AddReplica) => Put(table, RouteEntries.Placed(row.Library, row.DomainId, row.SourceCluster, [row.TargetCluster])),
                    (null, _) => Put(table, RouteEntries.Placed(row.Library, row.DomainId, row.TargetCluster, [])),
                },
                row.OperationId), cancellationToken);
            return row.Kind == MigrationKind.AddReplica
                ? current with { Phase = MigrationPhase.Completed, State = OperationState.Succeeded, FinishedAt = time.GetUtcNow() }
                : current with { Phase = MigrationPhase.CleaningUp, CleanupAfter = time.GetUtcNow() + options.CleanupGracePeriod };
        }, cancellationToken);
        routingSignal.Notify();
        return switched;
    }

    /// <summary>
    /// A replica drop's switch: the replica leaves reads and writes (routing.changed through the outbox) in the
    /// transaction that sets CLEANING_UP and the time after which its collection goes, so a restart keeps both. Checked
    /// against the entry as it is now: the primary and the last readable copy are never dropped (the job fails, nothing
    /// changed). A replica already gone from the entry (a job resumed after this commit) is only cleaned up.
    /// </summary>
    private async Task<MigrationRow> DropReplicaAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        var dropped = await journal.PublishAsync(row with { Phase = MigrationPhase.Switching }, async (transaction, current) =>
        {
            string? refused = null;
            await routing.ChangeAsync(transaction, row.Library, new RoutingEdit(
                $"replica of {row.DomainId} on {row.SourceCluster} dropped",
                table =>
                {
                    if (RouteEntries.Find(table, row.DomainId) is not { } entry || !entry.ReadClusters.Concat(entry.WriteClusters).Any(c => c.Name == row.SourceCluster))
                    {
                        return [];
                    }

                    refused = RouteEntries.WhyNotDrop(entry, row.SourceCluster);
                    return refused is null ? Put(table, RouteEntries.DropReplica(entry, row.SourceCluster)) : [];
                },
                row.OperationId), cancellationToken);
            return refused is null
                ? current with { Phase = MigrationPhase.CleaningUp, CleanupAfter = time.GetUtcNow() + options.CleanupGracePeriod, Error = null }
                : current with
                {
                    Phase = row.Phase,
                    State = OperationState.Failed,
                    FinishedAt = time.GetUtcNow(),
                    Error = new OperationError { Code = "FAILED_PRECONDITION", Message = $"move.source: {refused}; nothing was dropped.", Retryable = false },
                };
        }, cancellationToken);
        routingSignal.Notify();
        return dropped;
    }

    private async Task<MigrationRow> CleanUpAsync(MigrationRow row, IVectorCluster source, CancellationToken cancellationToken)
    {
        // Readers that still hold the previous routing table finish within the grace period; a restart keeps the time.
        var wait = (row.CleanupAfter ?? time.GetUtcNow()) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        if (row.Kind != MigrationKind.AddReplica)
        {
            await source.DropCollectionAsync(row.Collection, cancellationToken);
        }

        return await journal.PublishAsync(row with { Phase = MigrationPhase.Completed, State = OperationState.Succeeded, FinishedAt = time.GetUtcNow(), Error = null }, cancellationToken);
    }

    private async Task<MigrationRow> TrySaveAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        try
        {
            return row.State == OperationState.Paused ? await journal.PublishAsync(row, cancellationToken) : await journal.SaveAsync(row, cancellationToken);
        }
        catch (NpgsqlException)
        {
            // The database is what failed: the row stays as it was and the next attempt tries again.
            return row with { State = OperationState.Running };
        }
    }

    private static IReadOnlyList<string> Put(RoutingTable table, RouteEntry entry)
    {
        RouteEntries.Put(table, entry);
        return [entry.DomainId];
    }

    private static string PhaseName(MigrationRow row) => MigrationStatusView.PhaseName(row.Phase);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Migration {OperationId} running from phase {Phase} (attempt {Attempt})")]
    private partial void LogRunning(string operationId, MigrationPhase phase, int attempt);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Migration {OperationId}: {Phase} failed ({Failures} in a row): {Error}")]
    private partial void LogStepFailed(string operationId, MigrationPhase phase, int failures, string error);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Migration {OperationId} stopped: {State} in phase {Phase}")]
    private partial void LogStopped(string operationId, OperationState state, MigrationPhase phase);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Warning, Message = "Migration {OperationId}: the source ({SourceCount} points) no longer matches the digest of the checked copy (target {TargetCount} points); comparing both range by range")]
    private partial void LogCopyDigestDiffers(string operationId, long sourceCount, long targetCount);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Information, Message = "Migration {OperationId}: repair round {Round} rewrote {Repaired} points ({Stale} stale or missing, {Extra} extra)")]
    private partial void LogRepaired(string operationId, int round, long repaired, long stale, long extra);
}
