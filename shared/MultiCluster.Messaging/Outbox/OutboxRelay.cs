using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MultiCluster.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows in position order and marks them sent, in one transaction per batch under an
/// advisory lock (so several instances never interleave). A crash after publishing and before the mark commits leaves
/// the rows unsent: they are published again with the same event ids, and consumers drop the duplicates by id.
/// Order is position order among committed rows: rows of concurrent transactions may commit out of position order.
/// </summary>
public sealed partial class OutboxRelay(NpgsqlDataSource dataSource, IEventPublisher publisher, OutboxOptions options, TimeProvider time, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    /// <summary>Publishes one batch; returns how many events it published (0 when another instance holds the lock).</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await OutboxStore.TryLockAsync(connection, transaction, cancellationToken))
        {
            return 0;
        }

        var entries = await OutboxStore.ReadUnsentAsync(connection, transaction, options.BatchSize, cancellationToken);
        var sent = new List<long>(entries.Count);
        try
        {
            foreach (var entry in entries)
            {
                await publisher.PublishAsync(entry.Topic, entry.Event, cancellationToken);
                sent.Add(entry.Position);
            }
        }
        finally
        {
            // Whatever went out is marked, even when a later publish failed: order holds, since the rest waits.
            if (sent.Count > 0)
            {
                await OutboxStore.MarkSentAsync(connection, transaction, sent, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
        }

        return sent.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPurge = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishPendingAsync(stoppingToken);
                if (time.GetUtcNow() >= nextPurge)
                {
                    await OutboxStore.DeleteSentBeforeAsync(dataSource, options.SentRetention, stoppingToken);
                    nextPurge = time.GetUtcNow() + PurgeInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Database or transport down: the rows stay unsent and go out on a later round.
                LogRelayFailed(logger, exception);
            }

            if (published < options.BatchSize)
            {
                try
                {
                    await Task.Delay(options.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "Outbox relay round failed; unsent events stay in the outbox and are retried")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
