using Google.Protobuf;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Placement;

/// <summary>Specialization operations and the placements they applied (tables specializations and placements).</summary>
public sealed class SpecializationStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "operation_id, library, plan_id, request_id, state, migration_ids, cluster_filter, split_map_version, started, max_parallel, batch_size, error, created_at";

    /// <summary>The placements of a dropped library made up to the drop, for the purge of <see cref="DroppedLibraries"/> (@library, @at).</summary>
    public const string ForgetPlacementsStatement = "DELETE FROM placements WHERE library = @library AND updated_at <= @at";

    /// <summary>Inserts the operation; false when another with its library and request id exists (that one answers).</summary>
    public static async Task<bool> InsertAsync(NpgsqlTransaction transaction, SpecializationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(row);
        await using var command = new NpgsqlCommand("""
            INSERT INTO specializations (operation_id, library, plan_id, request_id, state, cluster_filter, split_map_version, max_parallel, batch_size, created_at)
            VALUES (@operation, @library, @plan, @request, @state, @cluster, @split, @parallel, @batch, @created)
            ON CONFLICT (library, request_id) WHERE request_id IS NOT NULL DO NOTHING
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("operation", row.OperationId);
        command.Parameters.AddWithValue("library", row.Library);
        command.Parameters.AddWithValue("plan", row.PlanId);
        command.Parameters.AddWithValue("request", (object?)row.RequestId ?? DBNull.Value);
        command.Parameters.AddWithValue("state", (short)row.State);
        command.Parameters.AddWithValue("cluster", row.ClusterFilter);
        command.Parameters.AddWithValue("split", (long)row.SplitMapVersion);
        command.Parameters.AddWithValue("parallel", row.MaxParallel);
        command.Parameters.AddWithValue("batch", row.BatchSize);
        command.Parameters.AddWithValue("created", row.CreatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Puts the placements of a library, replacing those of the same domains.</summary>
    public static async Task PutPlacementsAsync(NpgsqlTransaction transaction, ulong mapVersion, IEnumerable<Contracts.V1.Placement> placements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(placements);
        foreach (var placement in placements)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO placements (library, domain_id, map_version, placement, updated_at) VALUES (@library, @domain, @version, @placement, now())
                ON CONFLICT (library, domain_id) DO UPDATE SET map_version = excluded.map_version, placement = excluded.placement, updated_at = now()
                """, transaction.Connection, transaction);
            command.Parameters.AddWithValue("library", placement.Library);
            command.Parameters.AddWithValue("domain", placement.DomainId);
            command.Parameters.AddWithValue("version", (long)mapVersion);
            command.Parameters.AddWithValue("placement", placement.ToByteArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The library's placements by domain id, with the map version each follows.</summary>
    public async Task<IReadOnlyList<(Contracts.V1.Placement Placement, ulong MapVersion)>> PlacementsAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT placement, map_version FROM placements WHERE library = @library ORDER BY domain_id");
        command.Parameters.AddWithValue("library", library);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<(Contracts.V1.Placement, ulong)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((Contracts.V1.Placement.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0)), (ulong)reader.GetInt64(1)));
        }

        return found;
    }

    /// <summary>One domain's placement; null when the domain has none yet.</summary>
    public async Task<Contracts.V1.Placement?> PlacementAsync(string library, string domainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT placement FROM placements WHERE library = @library AND domain_id = @domain");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("domain", domainId);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? Contracts.V1.Placement.Parser.ParseFrom(bytes) : null;
    }

    /// <summary>
    /// Replaces only the settings of a domain's placement, in the caller's transaction (a configuration change keeps
    /// placement and clusters in agreement); false when the domain has no placement.
    /// </summary>
    public static async Task<bool> PutSettingsAsync(NpgsqlTransaction transaction, string library, string domainId, CollectionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Contracts.V1.Placement placement;
        await using (var read = new NpgsqlCommand("SELECT placement FROM placements WHERE library = @library AND domain_id = @domain FOR UPDATE", transaction.Connection, transaction))
        {
            read.Parameters.AddWithValue("library", library);
            read.Parameters.AddWithValue("domain", domainId);
            if (await read.ExecuteScalarAsync(cancellationToken) is not byte[] bytes)
            {
                return false;
            }

            placement = Contracts.V1.Placement.Parser.ParseFrom(bytes);
        }

        placement.Settings = settings;
        await using var write = new NpgsqlCommand("UPDATE placements SET placement = @placement, updated_at = now() WHERE library = @library AND domain_id = @domain", transaction.Connection, transaction);
        write.Parameters.AddWithValue("library", library);
        write.Parameters.AddWithValue("domain", domainId);
        write.Parameters.AddWithValue("placement", placement.ToByteArray());
        await write.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public Task<SpecializationRow?> GetAsync(string operationId, CancellationToken cancellationToken) =>
        SingleAsync("operation_id = @value", "", operationId, cancellationToken);

    public Task<SpecializationRow?> FindByRequestAsync(string library, string requestId, CancellationToken cancellationToken) =>
        SingleAsync("library = @library AND request_id = @value", library, requestId, cancellationToken);

    /// <summary>The library's most recent operation; null when it has none.</summary>
    public Task<SpecializationRow?> LatestAsync(string library, CancellationToken cancellationToken) =>
        SingleAsync("library = @library ORDER BY created_at DESC, operation_id DESC", library, "", cancellationToken);

    /// <summary>Operations that are neither terminal nor paused, oldest first.</summary>
    public async Task<IReadOnlyList<SpecializationRow>> RunningAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM specializations WHERE state IN (1, 2) ORDER BY created_at, operation_id");
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Records that one more queued migration started.</summary>
    public async Task StartedAsync(string operationId, string migrationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE specializations SET migration_ids = array_append(migration_ids, @migration), started = started + 1 WHERE operation_id = @operation");
        command.Parameters.AddWithValue("operation", operationId);
        command.Parameters.AddWithValue("migration", migrationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the operation (terminal state, error when failed) in the caller's transaction.</summary>
    public static async Task FinishAsync(NpgsqlTransaction transaction, string operationId, OperationState state, OperationError? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var command = new NpgsqlCommand(
            "UPDATE specializations SET state = @state, error = @error, finished_at = now() WHERE operation_id = @operation", transaction.Connection, transaction);
        command.Parameters.AddWithValue("operation", operationId);
        command.Parameters.AddWithValue("state", (short)state);
        command.Parameters.AddWithValue("error", error is null ? DBNull.Value : error.ToByteArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SpecializationRow?> SingleAsync(string condition, string library, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM specializations WHERE {condition} LIMIT 1");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("value", value);
        return await ReadAsync(command, cancellationToken) is [var row, ..] ? row : null;
    }

    private static async Task<IReadOnlyList<SpecializationRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SpecializationRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SpecializationRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                (OperationState)reader.GetInt16(4),
                reader.GetFieldValue<string[]>(5),
                reader.GetString(6),
                (ulong)reader.GetInt64(7),
                reader.GetInt32(8),
                reader.GetInt32(9),
                reader.GetInt32(10),
                reader.IsDBNull(11) ? null : OperationError.Parser.ParseFrom(reader.GetFieldValue<byte[]>(11)),
                new DateTimeOffset(reader.GetDateTime(12), TimeSpan.Zero)));
        }

        return rows;
    }
}
