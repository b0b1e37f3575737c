using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Migrating;
using Npgsql;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// Starts the queued migrations of running specializations as earlier ones end, never more than the operation's
/// max_parallel at once, and ends an operation once everything it started is terminal. Each start carries the request
/// id "{operation}#{index}", so two hosts (or a retry after a crash) starting the same item get the same migration.
/// Polls every WatchPollInterval; SpecializeCluster pumps its own operation at once.
/// </summary>
public sealed partial class MigrationPump(
    SpecializationStore store,
    PlanStore plans,
    MigrationCoordinator coordinator,
    HistoryStore history,
    MultiCluster.Clusters.IClusterRegistry registry,
    NpgsqlDataSource dataSource,
    SpecializationOptions options,
    TimeProvider time,
    ILogger<MigrationPump> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Starts what the operation may start now, and ends it when all it started has ended.</summary>
    public async Task PumpAsync(string operationId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.GetAsync(operationId, cancellationToken) is { State: OperationState.Running or OperationState.Pending } row)
            {
                await PumpAsync(row, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WatchPollInterval, time);
        do
        {
            try
            {
                foreach (var row in await store.RunningAsync(stoppingToken))
                {
                    await PumpAsync(row.OperationId, stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or SpecializationException or MultiCluster.Clusters.VectorClusterException)
            {
                LogPumpFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PumpAsync(SpecializationRow row, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(row.PlanId, cancellationToken);
        if (plan is null)
        {
            return;
        }

        var items = QueuedMigrations.For(plan, row, registry.Current.DefaultClusterName);
        try
        {
            var statuses = new List<MigrationStatus>();
            foreach (var id in row.MigrationIds)
            {
                statuses.Add(await coordinator.GetAsync(id, cancellationToken) ?? new MigrationStatus { OperationId = id, State = OperationState.Failed });
            }

            var running = statuses.Count(s => !Terminal(s.State));
            for (var next = row.Started; next < items.Count && running < row.MaxParallel; next++, running++)
            {
                if (statuses.Any(s => !Terminal(s.State) && s.Move?.DomainId == items[next].DomainId && !OnlyDropsItsCollection(s)))
                {
                    // One migration per domain: a plan's second change of a domain (two replicas dropped, a new primary
                    // and a new replica) waits for the first instead of being refused as a concurrent move.
                    break;
                }

                var started = await coordinator.StartAsync(items[next], cancellationToken);
                await store.StartedAsync(row.OperationId, started.OperationId, cancellationToken);
                statuses.Add(started);
            }

            if (statuses.Count == items.Count && statuses.All(s => Terminal(s.State)))
            {
                var failed = statuses.Where(s => s.State != OperationState.Succeeded).ToList();
                await FinishAsync(row, failed.Count == 0 ? OperationState.Succeeded : OperationState.Failed, failed.Count == 0 ? null : new OperationError
                {
                    Code = "ABORTED",
                    Message = $"{failed.Count} of {statuses.Count} migrations did not succeed ({string.Join(", ", failed.Select(f => f.OperationId))}); resume them with MigrateToSpecialization.",
                    Retryable = true,
                }, cancellationToken);
            }
        }
        catch (SpecializationException e)
        {
            await FinishAsync(row, OperationState.Failed, new OperationError { Code = e.Kind.ToString(), Message = e.Message, Retryable = false }, cancellationToken);
        }
    }

    private async Task FinishAsync(SpecializationRow row, OperationState state, OperationError? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SpecializationStore.FinishAsync(transaction, row.OperationId, state, error, cancellationToken);
        await history.RecordAsync(transaction, new SpecializationRecord
        {
            Kind = SpecializationEventKind.Specialize,
            OperationId = row.OperationId,
            Library = row.Library,
            State = state,
            Summary = $"plan {row.PlanId} applied: {row.MigrationIds.Count} migrations " + (error is null ? "succeeded" : $"ended, not all well: {error.Message}"),
            StartedAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
            FinishedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogFinished(row.OperationId, state);
    }

    /// <summary>A replica drop out of routing already, waiting to drop its collection (its cluster may be down): it holds the domain no longer.</summary>
    private static bool OnlyDropsItsCollection(MigrationStatus status) => status.Phase == MigrationPhase.CleaningUp && status.Move?.Target is null;

    private static bool Terminal(OperationState state) => state is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;


    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Starting queued migrations failed, trying again at the next tick: {Reason}")]
    private partial void LogPumpFailed(string reason);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Specialization {OperationId} ended {State}")]
    private partial void LogFinished(string operationId, OperationState state);
}
