using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Starts, resumes, pauses, cancels and reports durable migration jobs. Every method validates what it is given and
/// throws <see cref="SpecializationException"/> with the right kind (unknown cluster, library or domain; source equal to
/// target; batch size or workers out of range; a second move of the same domain; a target without capacity or
/// draining). Start returns at once: the job runs in the background from its durable row. As a hosted service it
/// claims every runnable job (at start, and every few seconds for jobs a crashed replica left) and runs it while it
/// holds the job's <see cref="MigrationLease"/>.
/// </summary>
public sealed partial class MigrationCoordinator(
    MigrationStore store,
    MigrationAdmission admission,
    MigrationJournal journal,
    MigrationRunner runner,
    MigrationSignal signal,
    RoutingTableStore routing,
    RoutingSignal routingSignal,
    SpecializationOptions options,
    TimeProvider time,
    ILogger<MigrationCoordinator> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan ClaimInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _claiming;

    public async Task<MigrationStatus> StartAsync(MigrationStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        MigrationAdmission.ValidateShape(start);
        if (start.RequestId is { Length: > 0 } requestId && await store.FindByRequestAsync(start.Library, requestId, cancellationToken) is { } earlier)
        {
            return MigrationStatusView.Status(earlier);
        }

        if (await store.FindHoldingAsync(start.Library, start.DomainId, cancellationToken) is { } holding)
        {
            throw Busy(holding);
        }

        if (start.Kind is MigrationKind.Move or MigrationKind.AddReplica)
        {
            await RefuseWhileDroppedAsync(start, cancellationToken);
        }

        var (row, placed) = await admission.AdmitAsync(start, Guid.NewGuid().ToString(), cancellationToken);
        try
        {
            await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (placed is not null)
            {
                // The domain's collection exists on the source but routing never heard of it: it is placed there.
                await routing.ChangeAsync(transaction, row.Library, new RoutingEdit(
                    $"{row.DomainId} found on {row.SourceCluster}",
                    table =>
                    {
                        if (RouteEntries.Find(table, row.DomainId) is not null)
                        {
                            return [];
                        }

                        RouteEntries.Put(table, placed);
                        return [row.DomainId];
                    }), cancellationToken);
            }

            await MigrationStore.InsertAsync(transaction, row, cancellationToken);
            var stored = await store.SaveAsync(transaction, row, cancellationToken);
            await journal.AnnounceAsync(transaction, stored, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            routingSignal.Notify();
            signal.Notify();
            LogStarted(row.OperationId, row.Library, row.DomainId, row.SourceCluster, row.TargetCluster);
            return MigrationStatusView.Status(stored);
        }
        catch (Exception e) when (MigrationStore.IsUniqueViolation(e, out var index))
        {
            // Another request got in first: the same request id, or another move of the domain.
            if (index != MigrationStore.OnePerDomainIndex && row.RequestId is not null && await store.FindByRequestAsync(row.Library, row.RequestId, cancellationToken) is { } same)
            {
                return MigrationStatusView.Status(same);
            }

            throw await store.FindHoldingAsync(row.Library, row.DomainId, cancellationToken) is { } other
                ? Busy(other)
                : SpecializationException.Precondition($"move.domain_id: another move of {LibraryName.Quote(row.DomainId)} began meanwhile; try again.");
        }
    }

    public async Task<MigrationStatus> ResumeAsync(string operationId, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(operationId, "resume_operation_id", cancellationToken);
        if (row.State is OperationState.Pending or OperationState.Running)
        {
            return MigrationStatusView.Status(row);
        }

        if (row.State is not (OperationState.Paused or OperationState.Failed))
        {
            throw SpecializationException.Precondition($"resume_operation_id: migration {operationId} is {row.State.ToString().ToUpperInvariant()} and cannot resume; start a new move instead.");
        }

        MigrationRow? reopened;
        try
        {
            reopened = await store.ReopenAsync(operationId, cancellationToken);
        }
        catch (Exception e) when (MigrationStore.IsUniqueViolation(e, out _))
        {
            throw await store.FindHoldingAsync(row.Library, row.DomainId, cancellationToken) is { } other
                ? Busy(other)
                : SpecializationException.Precondition($"resume_operation_id: another move of {LibraryName.Quote(row.DomainId)} began meanwhile; try again.");
        }

        signal.Notify();
        LogResumed(operationId);
        return MigrationStatusView.Status(reopened ?? await GetRowAsync(operationId, "resume_operation_id", cancellationToken));
    }

    public async Task<MigrationStatus> PauseAsync(string operationId, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(operationId, "operation_id", cancellationToken);
        if (row.IsTerminal || row.State == OperationState.Paused)
        {
            return MigrationStatusView.Status(row);
        }

        if (row.HasSwitched)
        {
            throw SpecializationException.Precondition(row.IsSplit
                ? $"operation_id: split {operationId} is verified and removing the split points from unassigned; it finishes by itself and there is nothing left to pause."
                : $"operation_id: migration {operationId} has flipped routing to {row.TargetCluster} already and finishes by itself; there is nothing left to pause.");
        }

        await store.RequestAsync(operationId, MigrationRequest.Pause, cancellationToken);
        return MigrationStatusView.Status(await ActOrAwaitRunnerAsync(operationId, r => r.State != OperationState.Running && r.State != OperationState.Pending, cancellationToken));
    }

    public async Task<MigrationStatus> CancelAsync(string operationId, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(operationId, "operation_id", cancellationToken);
        if (row.State == OperationState.Cancelled)
        {
            return MigrationStatusView.Status(row);
        }

        if (row.IsTerminal || row.HasSwitched)
        {
            throw SpecializationException.Precondition(row.IsTerminal
                ? $"operation_id: migration {operationId} has ended ({row.State.ToString().ToUpperInvariant()}); there is nothing to cancel."
                : row.IsSplit
                    ? $"operation_id: split {operationId} is verified and removing the split points from unassigned; it can no longer be cancelled."
                    : $"operation_id: migration {operationId} has flipped routing to {row.TargetCluster} already; move the domain back with a new migration instead.");
        }

        await store.RequestAsync(operationId, MigrationRequest.Cancel, cancellationToken);
        return MigrationStatusView.Status(await ActOrAwaitRunnerAsync(operationId, r => r.IsTerminal, cancellationToken));
    }

    /// <summary>The job's status now; null when no job has that id.</summary>
    public async Task<MigrationStatus?> GetAsync(string operationId, CancellationToken cancellationToken) =>
        await store.GetAsync(operationId, cancellationToken) is { } row ? MigrationStatusView.Status(row) : null;

    /// <summary>The job's status now, then at every change, ending after its terminal status.</summary>
    public async IAsyncEnumerable<MigrationStatus> WatchAsync(string operationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (row, _) in WatchRowsAsync(operationId, cancellationToken))
        {
            yield return MigrationStatusView.Status(row);
        }
    }

    /// <summary>
    /// The job's rows as <see cref="WatchAsync"/> sees them, each with the copy rate measured since the watch began
    /// (points per second; 0 until known). Woken in-process by the <see cref="MigrationSignal"/>, and by polling for
    /// changes other replicas store.
    /// </summary>
    public async IAsyncEnumerable<(MigrationRow Row, double PointsPerSecond)> WatchRowsAsync(string operationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(operationId, "operation_id", cancellationToken);
        var first = (Copied: row.PointsCopied, At: time.GetTimestamp());
        yield return (row, 0);
        while (!row.IsTerminal)
        {
            var changed = signal.NextAsync();
            var next = await store.GetAsync(operationId, cancellationToken);
            if (next is null)
            {
                yield break;
            }

            if (next.UpdatedAt != row.UpdatedAt || next.State != row.State)
            {
                var seconds = time.GetElapsedTime(first.At).TotalSeconds;
                var rate = next.PointsCopied > first.Copied && seconds > 0 ? (next.PointsCopied - first.Copied) / seconds : 0;
                row = next;
                yield return (row, rate);
                continue;
            }

            await Task.WhenAny(changed, Task.Delay(options.WatchPollInterval, time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Jobs of the library (every library when empty) that are not terminal.</summary>
    public async Task<IReadOnlyList<MigrationStatus>> ActiveAsync(string library, CancellationToken cancellationToken) =>
        (await store.ActiveAsync(library, cancellationToken)).Select(MigrationStatusView.Status).ToList();

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        _claiming = Task.Run(() => ClaimLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        // Jobs stay RUNNING in their rows: the next host resumes them from their checkpoints.
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values.Append(_claiming ?? Task.CompletedTask)).WaitAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ClaimLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var woken = signal.NextAsync();
            try
            {
                foreach (var id in await store.RunnableAsync(stopping))
                {
                    if (!_running.ContainsKey(id) && await MigrationLease.TryTakeAsync(store.DataSource, id, stopping) is { } lease)
                    {
                        _running[id] = Task.Run(() => RunHeldAsync(id, lease, stopping), CancellationToken.None);
                    }
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException && !stopping.IsCancellationRequested)
            {
                LogClaimFailed(e.Message);
            }

            try
            {
                await Task.WhenAny(woken, Task.Delay(ClaimInterval, time, stopping));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunHeldAsync(string operationId, MigrationLease lease, CancellationToken stopping)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            await using (lease)
            {
                // A lease lost to another holder (PostgreSQL restarted and another host claimed the job) stops this run.
                using var lost = lease.Lost.Register(run.Cancel);
                if (await store.ClaimAsync(operationId, run.Token) is { } row)
                {
                    signal.Notify();
                    await runner.RunAsync(row, run.Token);
                }
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // The host stops, or the job runs elsewhere now; either way it resumes from its checkpoint there.
        }
        catch (MigrationSupersededException e)
        {
            LogSuperseded(operationId, e.Attempt);
        }
        catch (Exception e)
        {
            LogRunFailed(operationId, e);
        }
        finally
        {
            _running.TryRemove(operationId, out _);
            signal.Notify();
        }
    }

    /// <summary>
    /// After a pause or cancel was requested: when no runner holds the job (paused, or its host is down), acts on the
    /// request here under the job's lease; otherwise waits (bounded) for the runner to act after its current batch.
    /// </summary>
    private async Task<MigrationRow> ActOrAwaitRunnerAsync(string operationId, Func<MigrationRow, bool> done, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + AnswerWithin;
        while (true)
        {
            var row = await GetRowAsync(operationId, "operation_id", cancellationToken);
            if (done(row) || time.GetUtcNow() > deadline)
            {
                return row;
            }

            if (!_running.ContainsKey(operationId) && await MigrationLease.TryTakeAsync(store.DataSource, operationId, cancellationToken) is { } lease)
            {
                await using (lease)
                {
                    row = await GetRowAsync(operationId, "operation_id", cancellationToken);
                    if (row.IsTerminal || row.HasSwitched)
                    {
                        return row;
                    }

                    return row.Requested == MigrationRequest.Cancel
                        ? await runner.RollBackAsync(row, OperationState.Cancelled, null, cancellationToken)
                        : row.State == OperationState.Paused ? row : await journal.PublishAsync(row with { State = OperationState.Paused }, cancellationToken);
                }
            }

            await Task.WhenAny(signal.NextAsync(), Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken));
        }
    }

    private async Task<MigrationRow> GetRowAsync(string operationId, string field, CancellationToken cancellationToken) =>
        await store.GetAsync(operationId, cancellationToken)
            ?? throw SpecializationException.NotFound($"{field}: no migration {LibraryName.Quote(operationId)}; pass an operation_id that MigrateToSpecialization returned.");

    /// <summary>
    /// A replica drop waiting to drop its collection holds the domain no longer, but a move must not read that copy, nor
    /// write the domain to that cluster, as the drop removes it whenever the cluster answers.
    /// </summary>
    private async Task RefuseWhileDroppedAsync(MigrationStart start, CancellationToken cancellationToken)
    {
        foreach (var (cluster, field) in new[] { (start.TargetCluster, "move.target"), (start.SourceCluster, "move.source") })
        {
            if (cluster is { Length: > 0 } && await store.FindDroppingAsync(start.Library, start.DomainId, cluster, cancellationToken) is { } dropping)
            {
                throw SpecializationException.Precondition(
                    $"{field}: the copy of domain {LibraryName.Quote(start.DomainId)} on {cluster} is being dropped (operation {dropping.OperationId}, " +
                    $"{MigrationStatusView.PhaseName(dropping.Phase)}: it waits for {cluster} to answer); name another cluster, or wait for that drop to end.");
            }
        }
    }

    private static SpecializationException Busy(MigrationRow holding) => SpecializationException.Precondition(holding.IsSplit
        ? $"move.domain_id: the points of 'unassigned' of {LibraryName.Quote(holding.Library)} are already being split into their domains (operation {holding.OperationId}, " +
          $"{holding.State.ToString().ToUpperInvariant()}); one split per library at a time: wait for it to end, or pause, resume or cancel that operation."
        : $"move.domain_id: domain {LibraryName.Quote(holding.DomainId)} of {LibraryName.Quote(holding.Library)} is already moving ({holding.SourceCluster} -> {holding.TargetCluster}, " +
        $"operation {holding.OperationId}, {holding.State.ToString().ToUpperInvariant()}); wait for it to end, or pause, resume or cancel that operation.");

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Migration {OperationId} accepted: {Library}/{DomainId} {Source} -> {Target}")]
    private partial void LogStarted(string operationId, string library, string domainId, string source, string target);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "Migration {OperationId} resumed on request")]
    private partial void LogResumed(string operationId);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Warning, Message = "Claiming migration jobs failed; trying again shortly: {Error}")]
    private partial void LogClaimFailed(string error);

    [LoggerMessage(EventId = 4124, Level = LogLevel.Warning, Message = "Migration {OperationId}: attempt {Attempt} was superseded by a later attempt on another runner; this runner stopped without writing")]
    private partial void LogSuperseded(string operationId, int attempt);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Error, Message = "Migration {OperationId} stopped unexpectedly; it resumes from its checkpoint at the next claim")]
    private partial void LogRunFailed(string operationId, Exception exception);
}
