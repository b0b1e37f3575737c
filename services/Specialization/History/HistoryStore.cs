using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.History;

/// <summary>
/// The specialization history (Migrations/0001_history.sql): one row per (kind, operation), written in the
/// transaction of the change it records and updated in place until the operation finishes.
/// </summary>
public sealed class HistoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts the record, or replaces state, summary, routing version and finish time of the one with its kind and operation id.</summary>
    public async Task RecordAsync(NpgsqlTransaction? transaction, SpecializationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string Sql = """
            INSERT INTO specialization_history (kind, operation_id, library, domain_id, state, summary, routing_version, started_at, finished_at)
            VALUES (@kind, @operation, @library, @domain, @state, @summary, @routing, @started, @finished)
            ON CONFLICT (kind, operation_id) DO UPDATE SET state = excluded.state, summary = excluded.summary,
                routing_version = greatest(specialization_history.routing_version, excluded.routing_version), finished_at = excluded.finished_at
            """;
        await using var command = transaction is null ? dataSource.CreateCommand(Sql) : new NpgsqlCommand(Sql, transaction.Connection, transaction);
        command.Parameters.AddWithValue("kind", (short)record.Kind);
        command.Parameters.AddWithValue("operation", record.OperationId);
        command.Parameters.AddWithValue("library", record.Library);
        command.Parameters.AddWithValue("domain", record.DomainId);
        command.Parameters.AddWithValue("state", (short)record.State);
        command.Parameters.AddWithValue("summary", record.Summary);
        command.Parameters.AddWithValue("routing", (long)record.RoutingVersion);
        command.Parameters.AddWithValue("started", (record.StartedAt ?? Timestamp.FromDateTime(DateTime.UtcNow)).ToDateTime());
        command.Parameters.AddWithValue("finished", record.FinishedAt is { } finished ? finished.ToDateTime() : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
