using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Specialization.History;
using Npgsql;

namespace MultiCluster.Specialization.Routing;

/// <summary>
/// The routing tables (Migrations/0003_routing.sql). A change is a new version, made under a lock on the library's
/// head row so changes of one library are serial, and announced by "routing.changed" through the outbox in the same
/// transaction: a version exists exactly when its event will be published.
/// </summary>
public sealed class RoutingTableStore(NpgsqlDataSource dataSource, OutboxWriter outbox, HistoryStore history, RoutingSignal signal, TimeProvider time)
{
    /// <summary>The table at <paramref name="version"/> (0: the current one); null when the library has none, or not that version.</summary>
    public async Task<RoutingTable?> GetAsync(string library, ulong version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(version == 0
            ? "SELECT v.routing FROM routing_heads h JOIN routing_versions v ON v.library = h.library AND v.version = h.version WHERE h.library = @library"
            : "SELECT routing FROM routing_versions WHERE library = @library AND version = @version");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("version", (long)Math.Min(version, long.MaxValue));
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? RoutingTable.Parser.ParseFrom(bytes) : null;
    }

    /// <summary>The current table of every library (or of <paramref name="library"/> alone when not empty), by library name.</summary>
    public async Task<IReadOnlyList<RoutingTable>> CurrentAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT v.routing FROM routing_heads h JOIN routing_versions v ON v.library = h.library AND v.version = h.version
            WHERE @library = '' OR h.library = @library ORDER BY h.library
            """);
        command.Parameters.AddWithValue("library", library);
        return await ReadTablesAsync(command, cancellationToken);
    }

    /// <summary>
    /// Versions a watcher has not had yet, by library and oldest first within each, at most <see cref="NewerLimit"/>:
    /// of one library (every library when empty), newer than what <paramref name="seen"/> holds for the library, or
    /// than <paramref name="afterVersion"/> for a library it does not name. Versions are counted per library, so one
    /// floor for every library would hide the versions of libraries behind the newest.
    /// </summary>
    public async Task<IReadOnlyList<RoutingTable>> NewerAsync(string library, ulong afterVersion, IReadOnlyDictionary<string, ulong> seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        await using var command = dataSource.CreateCommand($"""
            SELECT v.routing FROM routing_versions v
            LEFT JOIN unnest(@libraries::text[], @versions::bigint[]) AS s(library, version) ON s.library = v.library
            WHERE (@library = '' OR v.library = @library) AND v.version > coalesce(s.version, @after)
            ORDER BY v.library, v.version LIMIT {NewerLimit}
            """);
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("after", (long)Math.Min(afterVersion, long.MaxValue));
        command.Parameters.AddWithValue("libraries", seen.Keys.ToArray());
        command.Parameters.AddWithValue("versions", seen.Values.Select(v => (long)Math.Min(v, long.MaxValue)).ToArray());
        return await ReadTablesAsync(command, cancellationToken);
    }

    /// <summary>Most versions one <see cref="NewerAsync"/> returns; a watcher asks again while it gets this many.</summary>
    public const int NewerLimit = 100;

    /// <summary>Applies the edit in a transaction of its own; wakes this process's watchers once it committed.</summary>
    public async Task<RoutingTable> ChangeAsync(string library, RoutingEdit edit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var table = await ChangeAsync(transaction, library, edit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return table;
    }

    /// <summary>
    /// Applies the edit inside the caller's transaction, so the routing change commits together with the state it
    /// follows (a migration's phase, placements). The caller calls <see cref="ServiceDefaults.Watching.ChangeSignal.Notify"/> on the <see cref="RoutingSignal"/> after committing.
    /// Returns the new table, or the current one unchanged when the edit changed no domain.
    /// </summary>
    public async Task<RoutingTable> ChangeAsync(NpgsqlTransaction transaction, string library, RoutingEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(edit);
        var connection = transaction.Connection!;
        await using (var head = new NpgsqlCommand("INSERT INTO routing_heads (library, version) VALUES (@library, 0) ON CONFLICT DO NOTHING", connection, transaction))
        {
            head.Parameters.AddWithValue("library", library);
            await head.ExecuteNonQueryAsync(cancellationToken);
        }

        // The lock and the read are two statements on purpose. Under READ COMMITTED a statement that waited for the lock
        // re-reads only the locked row: a join in it would pair the new head with the snapshot taken before the wait,
        // which does not hold the version the previous holder committed, and the edit would start from an empty table
        // (two moves switching at once left one domain routed). The read after the lock takes a fresh snapshot.
        long headVersion;
        await using (var lockHead = new NpgsqlCommand("SELECT version FROM routing_heads WHERE library = @library FOR UPDATE", connection, transaction))
        {
            lockHead.Parameters.AddWithValue("library", library);
            headVersion = (long)(await lockHead.ExecuteScalarAsync(cancellationToken))!;
        }

        RoutingTable current;
        await using (var read = new NpgsqlCommand("SELECT routing FROM routing_versions WHERE library = @library AND version = @version", connection, transaction))
        {
            read.Parameters.AddWithValue("library", library);
            read.Parameters.AddWithValue("version", headVersion);
            // A head without its version is a dropped library's (DroppedLibraries): the next table continues its numbers.
            current = await read.ExecuteScalarAsync(cancellationToken) is byte[] routing
                ? RoutingTable.Parser.ParseFrom(routing)
                : new RoutingTable { Library = library, Version = (ulong)headVersion };
        }

        var next = current.Clone();
        var changed = edit.Apply(next);
        if (changed.Count == 0)
        {
            return current;
        }

        var now = time.GetUtcNow();
        next.Library = library;
        next.Version = current.Version + 1;
        next.UpdatedAt = Timestamp.FromDateTimeOffset(now);
        await using (var write = new NpgsqlCommand("""
            INSERT INTO routing_versions (library, version, routing, reason, created_at) VALUES (@library, @version, @routing, @reason, @now);
            UPDATE routing_heads SET version = @version WHERE library = @library;
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("library", library);
            write.Parameters.AddWithValue("version", (long)next.Version);
            write.Parameters.AddWithValue("routing", next.ToByteArray());
            write.Parameters.AddWithValue("reason", edit.Reason);
            write.Parameters.AddWithValue("now", now);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        var changedEvent = new RoutingChangedEvent
        {
            Table = next,
            PreviousVersion = current.Version,
            Reason = edit.Reason,
            MigrationOperationId = edit.MigrationOperationId ?? "",
        };
        changedEvent.ChangedDomainIds.Add(changed);
        await outbox.WriteAsync(transaction, Topics.RoutingChanged, changedEvent, cancellationToken);
        await history.RecordAsync(transaction, new SpecializationRecord
        {
            Kind = SpecializationEventKind.RoutingChange,
            OperationId = $"{library}@{next.Version}",
            Library = library,
            DomainId = changed.Count == 1 ? changed[0] : "",
            State = OperationState.Succeeded,
            Summary = $"routing v{next.Version}: {edit.Reason}",
            RoutingVersion = next.Version,
            StartedAt = next.UpdatedAt,
            FinishedAt = next.UpdatedAt,
        }, cancellationToken);
        return next;
    }

    private static async Task<IReadOnlyList<RoutingTable>> ReadTablesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var tables = new List<RoutingTable>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(RoutingTable.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0)));
        }

        return tables;
    }
}
