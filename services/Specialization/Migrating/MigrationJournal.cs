using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.Outbox;
using MultiCluster.ServiceDefaults.Telemetry;
using MultiCluster.Specialization.History;
using Npgsql;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// How a migration's state is stored: the row, and at phase changes (and every few batches) a "migration.progress"
/// event through the outbox and the history record, all in one transaction; then this process's watchers are woken.
/// </summary>
public sealed class MigrationJournal(MigrationStore store, OutboxWriter outbox, HistoryStore history, MigrationSignal signal, FinishedOperations finishedMigrations)
{
    /// <summary>Stores the row alone (a checkpoint); returns it as stored, with what was requested of the runner.</summary>
    public async Task<MigrationRow> SaveAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        var saved = await store.SaveAsync(null, row, cancellationToken);
        signal.Notify();
        return saved;
    }

    /// <summary>Stores the row and announces it (event and history).</summary>
    public Task<MigrationRow> PublishAsync(MigrationRow row, CancellationToken cancellationToken) =>
        PublishAsync(row, (_, r) => Task.FromResult(r), cancellationToken);

    /// <summary>
    /// Runs <paramref name="alongside"/> (a routing change) and stores and announces the row it returns, all in one
    /// transaction: the phase change and what it stands for commit together or not at all.
    /// </summary>
    public async Task<MigrationRow> PublishAsync(MigrationRow row, Func<NpgsqlTransaction, MigrationRow, Task<MigrationRow>> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alongside);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var next = await alongside(transaction, row);
        var saved = await store.SaveAsync(transaction, next, cancellationToken);
        await AnnounceAsync(transaction, saved, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        if (saved.IsTerminal)
        {
            finishedMigrations.Finished(saved.State);
        }

        return saved;
    }

    /// <summary>The progress event and history record of <paramref name="row"/>, in the caller's transaction.</summary>
    public async Task AnnounceAsync(NpgsqlTransaction transaction, MigrationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await outbox.WriteAsync(transaction, Topics.MigrationProgress, new MigrationProgressEvent
        {
            Progress = MigrationStatusView.Progress(row),
            Migration = MigrationStatusView.Status(row),
        }, cancellationToken);
        await history.RecordAsync(transaction, new SpecializationRecord
        {
            Kind = SpecializationEventKind.Migration,
            OperationId = row.OperationId,
            Library = row.Library,
            DomainId = row.DomainId,
            State = row.State,
            Summary = MigrationStatusView.Progress(row).Message,
            StartedAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
            FinishedAt = row.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
        }, cancellationToken);
    }
}
