using System.Text;
using MultiCluster.Messaging.CloudEvents;
using Npgsql;

namespace MultiCluster.Messaging.Outbox;

/// <summary>The relay's SQL over the outbox table (created by the storage module's migration 0001_outbox.sql).</summary>
internal static class OutboxStore
{
    /// <summary>The transaction-scoped advisory lock of the relay ("MCOUTBOX"): one instance relays at a time, in order.</summary>
    public const long RelayLockKey = 0x4D43_4F55_5442_4F58;

    public static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", RelayLockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<IReadOnlyList<OutboxEntry>> ReadUnsentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT position, topic, envelope::text FROM outbox WHERE sent_at IS NULL ORDER BY position LIMIT @limit", connection, transaction);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var envelope = Encoding.UTF8.GetBytes(reader.GetString(2));
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), CloudEventFormat.Decode(envelope)));
        }

        return entries;
    }

    public static async Task MarkSentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<long> positions, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE outbox SET sent_at = now() WHERE position = ANY(@positions)", connection, transaction);
        command.Parameters.AddWithValue("positions", positions.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> DeleteSentBeforeAsync(NpgsqlDataSource dataSource, TimeSpan age, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM outbox WHERE sent_at < now() - @age");
        command.Parameters.AddWithValue("age", age);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
