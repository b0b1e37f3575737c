using Google.Protobuf;
using MultiCluster.Contracts.V1;
using VerificationResult = MultiCluster.Contracts.V1.Verification;
using Npgsql;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// The migrations table. Rows are written by their runner (the holder of the job's lease) and, for the "requested"
/// column only, by whoever pauses or cancels; every write stamps updated_at, which watchers poll for.
/// </summary>
public sealed class MigrationStore(NpgsqlDataSource dataSource)
{
    /// <summary>The unique index that keeps one move per domain.</summary>
    public const string OnePerDomainIndex = "migrations_one_per_domain";

    private const string UniqueViolation = "23505";

    private const string Columns = """
        operation_id, library, domain_id, kind, source_cluster, target_cluster, keep_source, move, route_before, request_id,
        state, phase, requested, batch_size, workers, max_points_per_second, skip_checksums, checkpoint, batches_done,
        points_copied, points_total, attempt, verification, error, specialization_id, created_at, updated_at, finished_at, cleanup_after,
        map_version, points_skipped, pass, copy_digest
        """;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Inserts a new job in the caller's transaction (a unique index may refuse it: see <see cref="IsUniqueViolation"/>).</summary>
    public static async Task InsertAsync(NpgsqlTransaction transaction, MigrationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(row);
        await using var command = new NpgsqlCommand("""
            INSERT INTO migrations (operation_id, library, domain_id, kind, source_cluster, target_cluster, keep_source, move, request_id,
                state, phase, batch_size, workers, max_points_per_second, skip_checksums, points_total, specialization_id, map_version)
            VALUES (@id, @library, @domain, @kind, @source, @target, @keep, @move, @request, @state, @phase, @batch, @workers, @pps, @skip, @total, @specialization, @map)
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", row.OperationId);
        command.Parameters.AddWithValue("library", row.Library);
        command.Parameters.AddWithValue("domain", row.DomainId);
        command.Parameters.AddWithValue("kind", (short)row.Kind);
        command.Parameters.AddWithValue("source", row.SourceCluster);
        command.Parameters.AddWithValue("target", row.TargetCluster);
        command.Parameters.AddWithValue("keep", row.KeepSource);
        command.Parameters.AddWithValue("move", row.Move.ToByteArray());
        command.Parameters.AddWithValue("request", (object?)row.RequestId ?? DBNull.Value);
        command.Parameters.AddWithValue("state", (short)row.State);
        command.Parameters.AddWithValue("phase", (short)row.Phase);
        command.Parameters.AddWithValue("batch", row.BatchSize);
        command.Parameters.AddWithValue("workers", row.Workers);
        command.Parameters.AddWithValue("pps", row.MaxPointsPerSecond);
        command.Parameters.AddWithValue("skip", row.SkipChecksums);
        command.Parameters.AddWithValue("total", row.PointsTotal);
        command.Parameters.AddWithValue("specialization", (object?)row.SpecializationId ?? DBNull.Value);
        command.Parameters.AddWithValue("map", (long)Math.Min(row.MapVersion, long.MaxValue));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True when <paramref name="e"/> is the refusal of a unique index; <paramref name="index"/> names it.</summary>
    public static bool IsUniqueViolation(Exception e, out string index)
    {
        index = e is PostgresException { SqlState: UniqueViolation } p ? p.ConstraintName ?? "" : "";
        return e is PostgresException { SqlState: UniqueViolation };
    }

    public async Task<MigrationRow?> GetAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM migrations WHERE operation_id = @id");
        command.Parameters.AddWithValue("id", operationId);
        return await FirstAsync(command, cancellationToken);
    }

    /// <summary>The job a repeated request id names, if any.</summary>
    public async Task<MigrationRow?> FindByRequestAsync(string library, string requestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM migrations WHERE library = @library AND request_id = @request");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("request", requestId);
        return await FirstAsync(command, cancellationToken);
    }

    /// <summary>
    /// The job that holds the domain (pending, running or paused), if any: the predicate of
    /// <see cref="OnePerDomainIndex"/>, so a replica drop that only waits to drop its collection holds nothing.
    /// </summary>
    public async Task<MigrationRow?> FindHoldingAsync(string library, string domainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM migrations WHERE library = @library AND domain_id = @domain AND state IN (1, 2, 3) AND NOT (kind = 4 AND phase = 6)");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("domain", domainId);
        return await FirstAsync(command, cancellationToken);
    }

    /// <summary>A replica drop of the domain that has yet to drop its collection on <paramref name="cluster"/>, if any.</summary>
    public async Task<MigrationRow?> FindDroppingAsync(string library, string domainId, string cluster, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM migrations WHERE library = @library AND domain_id = @domain AND source_cluster = @cluster AND kind = 4 AND state IN (1, 2, 3)");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("domain", domainId);
        command.Parameters.AddWithValue("cluster", cluster);
        return await FirstAsync(command, cancellationToken);
    }

    /// <summary>Jobs not terminal, of one library or (empty) of all, oldest first.</summary>
    public async Task<IReadOnlyList<MigrationRow>> ActiveAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM migrations WHERE state IN (1, 2, 3) AND (@library = '' OR library = @library) ORDER BY created_at");
        command.Parameters.AddWithValue("library", library);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Ids of the jobs a runner should be working on (pending or running).</summary>
    public async Task<IReadOnlyList<string>> RunnableAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT operation_id FROM migrations WHERE state IN (1, 2) ORDER BY created_at");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>
    /// Marks a runnable job RUNNING for the caller, who holds its lease. A job found RUNNING lost its previous runner
    /// (a crash), so this is a new attempt. Null when the job is no longer runnable.
    /// </summary>
    public async Task<MigrationRow?> ClaimAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE migrations SET attempt = CASE WHEN state = 2 THEN attempt + 1 ELSE attempt END, state = 2,
                phase = CASE WHEN phase = 1 THEN 2 ELSE phase END, updated_at = now()
            WHERE operation_id = @id AND state IN (1, 2) RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", operationId);
        return await FirstAsync(command, cancellationToken);
    }

    /// <summary>Asks the runner to pause or cancel; false when the job is already terminal.</summary>
    public async Task<bool> RequestAsync(string operationId, MigrationRequest request, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE migrations SET requested = @requested, updated_at = now() WHERE operation_id = @id AND state IN (1, 2, 3)");
        command.Parameters.AddWithValue("id", operationId);
        command.Parameters.AddWithValue("requested", (short)request);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Makes a paused or failed job runnable again (PENDING, attempt + 1). A failed job was rolled back, so it starts
    /// over from PREPARING. Null when it is in neither state; the unique index refuses it when another move of the
    /// domain began meanwhile.
    /// </summary>
    public async Task<MigrationRow?> ReopenAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE migrations SET
                phase = CASE WHEN state = 5 THEN 2 ELSE phase END,
                checkpoint = CASE WHEN state = 5 THEN NULL ELSE checkpoint END,
                batches_done = CASE WHEN state = 5 THEN 0 ELSE batches_done END,
                points_copied = CASE WHEN state = 5 THEN 0 ELSE points_copied END,
                points_skipped = CASE WHEN state = 5 THEN 0 ELSE points_skipped END,
                pass = CASE WHEN state = 5 THEN 1 ELSE pass END,
                verification = CASE WHEN state = 5 THEN NULL ELSE verification END,
                copy_digest = CASE WHEN state = 5 THEN NULL ELSE copy_digest END,
                finished_at = NULL, state = 1, requested = 0, error = NULL, attempt = attempt + 1, updated_at = now()
            WHERE operation_id = @id AND state IN (3, 5) RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", operationId);
        return await FirstAsync(command, cancellationToken);
    }

    /// <summary>
    /// Stores the runner's view of the job (everything but identity and what was requested of it), in the caller's
    /// transaction when one is given. Returns the row as stored, with what an operator requested meanwhile. Only the
    /// attempt that claimed the job may write it: a runner superseded by a later attempt gets
    /// <see cref="MigrationSupersededException"/> and writes nothing.
    /// </summary>
    public async Task<MigrationRow> SaveAsync(NpgsqlTransaction? transaction, MigrationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sql = $"""
            UPDATE migrations SET state = @state, phase = @phase, route_before = @before, checkpoint = @checkpoint, batches_done = @batches, copy_digest = @digest,
                points_copied = @copied, points_total = @total, verification = @verification, error = @error,
                finished_at = @finished, cleanup_after = @cleanup, points_skipped = @skipped, pass = @pass, updated_at = now()
            WHERE operation_id = @id AND attempt = @attempt RETURNING {Columns}
            """;
        await using var command = transaction is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", row.OperationId);
        command.Parameters.AddWithValue("state", (short)row.State);
        command.Parameters.AddWithValue("phase", (short)row.Phase);
        command.Parameters.AddWithValue("before", (object?)row.RouteBefore?.ToByteArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("checkpoint", (object?)row.Checkpoint ?? DBNull.Value);
        command.Parameters.AddWithValue("batches", row.BatchesDone);
        command.Parameters.AddWithValue("digest", (object?)row.CopyDigest ?? DBNull.Value);
        command.Parameters.AddWithValue("copied", row.PointsCopied);
        command.Parameters.AddWithValue("total", row.PointsTotal);
        command.Parameters.AddWithValue("verification", (object?)row.Verification?.ToByteArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)row.Error?.ToByteArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("finished", (object?)row.FinishedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("cleanup", (object?)row.CleanupAfter ?? DBNull.Value);
        command.Parameters.AddWithValue("skipped", row.PointsSkipped);
        command.Parameters.AddWithValue("pass", row.Pass);
        command.Parameters.AddWithValue("attempt", row.Attempt);
        return await FirstAsync(command, cancellationToken) ?? throw new MigrationSupersededException(row.OperationId, row.Attempt);
    }

    private static async Task<MigrationRow?> FirstAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        await ReadAsync(command, cancellationToken) is [var first, ..] ? first : null;

    private static async Task<IReadOnlyList<MigrationRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<MigrationRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MigrationRow
            {
                OperationId = reader.GetString(0),
                Library = reader.GetString(1),
                DomainId = reader.GetString(2),
                Kind = (MigrationKind)reader.GetInt16(3),
                SourceCluster = reader.GetString(4),
                TargetCluster = reader.GetString(5),
                KeepSource = reader.GetBoolean(6),
                Move = DomainMove.Parser.ParseFrom(reader.GetFieldValue<byte[]>(7)),
                RouteBefore = reader.IsDBNull(8) ? null : RouteEntry.Parser.ParseFrom(reader.GetFieldValue<byte[]>(8)),
                RequestId = reader.IsDBNull(9) ? null : reader.GetString(9),
                State = (OperationState)reader.GetInt16(10),
                Phase = (MigrationPhase)reader.GetInt16(11),
                Requested = (MigrationRequest)reader.GetInt16(12),
                BatchSize = reader.GetInt32(13),
                Workers = reader.GetInt32(14),
                MaxPointsPerSecond = reader.GetInt32(15),
                SkipChecksums = reader.GetBoolean(16),
                Checkpoint = reader.IsDBNull(17) ? null : reader.GetString(17),
                BatchesDone = reader.GetInt64(18),
                PointsCopied = reader.GetInt64(19),
                PointsTotal = reader.GetInt64(20),
                Attempt = reader.GetInt32(21),
                Verification = reader.IsDBNull(22) ? null : VerificationResult.Parser.ParseFrom(reader.GetFieldValue<byte[]>(22)),
                Error = reader.IsDBNull(23) ? null : OperationError.Parser.ParseFrom(reader.GetFieldValue<byte[]>(23)),
                SpecializationId = reader.IsDBNull(24) ? null : reader.GetString(24),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(25),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(26),
                FinishedAt = reader.IsDBNull(27) ? null : reader.GetFieldValue<DateTimeOffset>(27),
                CleanupAfter = reader.IsDBNull(28) ? null : reader.GetFieldValue<DateTimeOffset>(28),
                MapVersion = (ulong)reader.GetInt64(29),
                PointsSkipped = reader.GetInt64(30),
                Pass = reader.GetInt32(31),
                CopyDigest = reader.IsDBNull(32) ? null : reader.GetString(32),
            });
        }

        return rows;
    }
}
