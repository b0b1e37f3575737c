using Google.Protobuf;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Storage;
using Npgsql;
using NpgsqlTypes;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// Runs and their moves (Migrations/0002_rebalancing_runs.sql). Every write takes a new change number on the run, so
/// watchers see a change by comparing one number. "One run at a time" is the table's unique index on running rows.
/// </summary>
public sealed class RunStore(NpgsqlDataSource dataSource)
{
    public const string OneRunningIndex = "rebalancing_runs_one_running";

    private const string RunColumns = """
        operation_id, trigger, state, reason, plan, throttle, size_before, size_after, load_before, load_after, error, started_at, finished_at, change
        """;

    private const string MoveColumns = """
        operation_id, move_index, move, migration_id, phase, state, percent, points_moved, bytes_moved, throttled, note, error, started_at, finished_at
        """;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Stores a new run and its pending moves in one transaction; a unique violation (running run, request id) propagates.</summary>
    public async Task InsertAsync(RunRow run, string? requestId, IReadOnlyList<MoveRow> moves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(moves);
        await using var batch = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO rebalancing_runs (operation_id, request_id, trigger, state, reason, plan, throttle, size_before, load_before, started_at)
            VALUES (@id, @request, @trigger, @state, @reason, @plan, @throttle, @size, @load, @at)
            """);
        insert.Parameters.AddWithValue("id", run.OperationId);
        insert.Parameters.Add(new NpgsqlParameter<string?>("request", requestId) { NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.AddWithValue("trigger", (short)run.Trigger);
        insert.Parameters.AddWithValue("state", (short)run.State);
        insert.Parameters.AddWithValue("reason", run.Reason);
        insert.Parameters.AddWithValue("plan", run.Plan.ToByteArray());
        insert.Parameters.AddWithValue("throttle", run.Throttle.ToByteArray());
        insert.Parameters.AddWithValue("size", run.SizeBefore);
        insert.Parameters.AddWithValue("load", run.LoadBefore);
        insert.Parameters.AddWithValue("at", run.StartedAt);
        batch.BatchCommands.Add(insert);
        foreach (var move in moves)
        {
            var row = new NpgsqlBatchCommand("""
                INSERT INTO rebalancing_moves (operation_id, move_index, move, library, domain_id, source, target)
                VALUES (@id, @i, @move, @library, @domain, @source, @target)
                """);
            row.Parameters.AddWithValue("id", run.OperationId);
            row.Parameters.AddWithValue("i", move.Index);
            row.Parameters.AddWithValue("move", move.Move.ToByteArray());
            row.Parameters.AddWithValue("library", move.Move.Library);
            row.Parameters.AddWithValue("domain", move.Move.DomainId);
            row.Parameters.AddWithValue("source", move.Move.Source?.Name ?? "");
            row.Parameters.AddWithValue("target", move.Move.Target?.Name ?? "");
            batch.BatchCommands.Add(row);
        }

        // A batch runs as one implicit transaction: the run and its moves exist together or not at all.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public static bool IsUniqueViolation(Exception e, out string? constraint)
    {
        constraint = (e as PostgresException)?.ConstraintName;
        return e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
    }

    public async Task<RunSnapshot?> FindByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        First(await ReadRunsAsync("WHERE request_id = @p", requestId, cancellationToken));

    public async Task<string?> RunningIdAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT operation_id FROM rebalancing_runs WHERE state = 2");
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<RunSnapshot?> GetAsync(string operationId, CancellationToken cancellationToken) =>
        First(await ReadRunsAsync("WHERE operation_id = @p", operationId, cancellationToken));

    /// <summary>Runs whose last change is after <paramref name="change"/>, oldest change first.</summary>
    public Task<IReadOnlyList<RunSnapshot>> ChangedAfterAsync(long change, CancellationToken cancellationToken) =>
        ReadRunsAsync("WHERE change > @p ORDER BY change", change, cancellationToken);

    public async Task<long> LastChangeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(change), 0) FROM rebalancing_runs");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>A page of runs, newest first: started in [from, to), of the given triggers (all when empty), after the position given.</summary>
    public async Task<IReadOnlyList<RunSnapshot>> PageAsync(HistoryFilter filter, (DateTimeOffset StartedAt, string OperationId)? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand($"""
            SELECT {RunColumns} FROM rebalancing_runs
            WHERE (@from::timestamptz IS NULL OR started_at >= @from) AND (@to::timestamptz IS NULL OR started_at < @to)
              AND (cardinality(@triggers) = 0 OR trigger = ANY(@triggers))
              AND (@afterTime::timestamptz IS NULL OR (started_at, operation_id) < (@afterTime, @afterId))
            ORDER BY started_at DESC, operation_id DESC LIMIT @limit
            """);
        TimeRangeParameters.Add(command, filter.From, filter.To);
        command.Parameters.AddWithValue("triggers", filter.Triggers.Select(t => (short)t).ToArray());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("afterTime", after?.StartedAt) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue("afterId", after?.OperationId ?? "");
        command.Parameters.AddWithValue("limit", limit);
        return await WithMovesAsync(await Rows.ReadAsync(command, ReadRun, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Records that a move's migration started (or was found started under the move's request id), with the move as
    /// Specialization took it: a source the plan left empty is the primary it was moved from.
    /// </summary>
    public Task SaveStartedAsync(MoveRow move, DomainMove started, string migrationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        return UpdateMoveAsync(move, "migration_id = @m, move = @move, source = @source, state = 2, started_at = coalesce(started_at, @at)", cancellationToken,
            ("m", migrationId), ("move", started.ToByteArray()), ("source", started.Source?.Name ?? ""), ("at", at));
    }

    public Task SaveProgressAsync(MoveRow move, MigrationPhase phase, OperationState state, double percent, CancellationToken cancellationToken) => UpdateMoveAsync(move,
        "phase = @phase, state = @state, percent = @percent", cancellationToken, ("phase", (short)phase), ("state", (short)state), ("percent", percent));

    public Task SaveThrottleAsync(MoveRow move, bool throttled, string note, CancellationToken cancellationToken) => UpdateMoveAsync(move,
        "throttled = @t, note = @note", cancellationToken, ("t", throttled), ("note", note));

    /// <summary>Records a move's end: its state, what it moved, and the error when it failed.</summary>
    public Task SaveEndAsync(MoveRow move, MoveEnd end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(end);
        return UpdateMoveAsync(move, """
            phase = @phase, state = @state, percent = @percent, points_moved = @points, bytes_moved = @bytes, error = @error,
            throttled = false, started_at = coalesce(started_at, @at), finished_at = @at
            """, cancellationToken,
            ("phase", (short)end.Phase), ("state", (short)end.State), ("percent", end.State == OperationState.Succeeded ? 100d : end.Percent), ("points", end.PointsMoved),
            ("bytes", end.BytesMoved), ("error", end.Error?.ToByteArray() ?? (object)DBNull.Value), ("at", end.At));
    }

    /// <summary>Ends a run: its state, imbalance after, error, and the event announcing it, in one transaction.</summary>
    public async Task FinishAsync(RunRow finished, Func<NpgsqlTransaction, Task> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(alongside);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE rebalancing_runs SET state = @state, size_after = @size, load_after = @load, error = @error, finished_at = @at,
                change = nextval('rebalancing_changes')
            WHERE operation_id = @id AND state = 2
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", finished.OperationId);
            update.Parameters.AddWithValue("state", (short)finished.State);
            update.Parameters.AddWithValue("size", finished.SizeAfter);
            update.Parameters.AddWithValue("load", finished.LoadAfter);
            update.Parameters.AddWithValue("error", finished.Error?.ToByteArray() ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("at", finished.FinishedAt ?? throw new ArgumentException("A finished run has its finish time.", nameof(finished)));
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Another executor ended it first: announce nothing twice.
                return;
            }
        }

        await alongside(transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RecentMove>> MovesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT library, domain_id, source, target, started_at FROM rebalancing_moves
            WHERE started_at >= @since ORDER BY started_at DESC, operation_id, move_index
            """);
        command.Parameters.AddWithValue("since", since);
        return await Rows.ReadAsync(command, r => new RecentMove(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)),
            cancellationToken);
    }

    public async Task<DateTimeOffset?> LastFinishedAtAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT max(finished_at) FROM rebalancing_runs");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime last ? new DateTimeOffset(last, TimeSpan.Zero) : null;
    }

    /// <summary>Totals of the runs started in [from, to) and of their moves.</summary>
    public async Task<RunFigures> FiguresAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH runs AS (SELECT * FROM rebalancing_runs
                          WHERE (@from::timestamptz IS NULL OR started_at >= @from) AND (@to::timestamptz IS NULL OR started_at < @to))
            SELECT (SELECT count(*) FROM runs),
                   (SELECT count(*) FROM runs WHERE state = 5),
                   (SELECT count(*) FROM rebalancing_moves m JOIN runs USING (operation_id) WHERE m.state = 4),
                   (SELECT coalesce(sum(m.points_moved), 0) FROM rebalancing_moves m JOIN runs USING (operation_id)),
                   (SELECT coalesce(sum(m.bytes_moved), 0) FROM rebalancing_moves m JOIN runs USING (operation_id)),
                   (SELECT coalesce(avg(size_before - size_after), 0) FROM runs WHERE state = 4),
                   (SELECT coalesce(avg(extract(epoch FROM finished_at - started_at)), 0)::double precision FROM runs WHERE finished_at IS NOT NULL),
                   (SELECT max(finished_at) FROM runs)
            """);
        TimeRangeParameters.Add(command, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RunFigures(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5),
            TimeSpan.FromSeconds(reader.GetDouble(6)), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
    }

    private static RunSnapshot? First(IReadOnlyList<RunSnapshot> runs) => runs.Count > 0 ? runs[0] : null;

    private async Task UpdateMoveAsync(MoveRow move, string set, CancellationToken cancellationToken, params (string Name, object Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(move);
        await using var batch = dataSource.CreateBatch();
        var update = new NpgsqlBatchCommand($"UPDATE rebalancing_moves SET {set} WHERE operation_id = @id AND move_index = @i");
        update.Parameters.AddWithValue("id", move.OperationId);
        update.Parameters.AddWithValue("i", move.Index);
        foreach (var (name, value) in values)
        {
            update.Parameters.AddWithValue(name, value);
        }

        var bump = new NpgsqlBatchCommand("UPDATE rebalancing_runs SET change = nextval('rebalancing_changes') WHERE operation_id = @id");
        bump.Parameters.AddWithValue("id", move.OperationId);
        batch.BatchCommands.Add(update);
        batch.BatchCommands.Add(bump);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<RunSnapshot>> ReadRunsAsync(string where, object parameter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunColumns} FROM rebalancing_runs {where}");
        command.Parameters.AddWithValue("p", parameter);
        return await WithMovesAsync(await Rows.ReadAsync(command, ReadRun, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<RunSnapshot>> WithMovesAsync(IReadOnlyList<RunRow> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"SELECT {MoveColumns} FROM rebalancing_moves WHERE operation_id = ANY(@ids) ORDER BY operation_id, move_index");
        command.Parameters.AddWithValue("ids", runs.Select(r => r.OperationId).ToArray());
        var moves = (await Rows.ReadAsync(command, ReadMove, cancellationToken)).ToLookup(m => m.OperationId, StringComparer.Ordinal);
        return runs.Select(r => new RunSnapshot(r, moves[r.OperationId].ToList())).ToList();
    }

    private static RunRow ReadRun(NpgsqlDataReader r) => new(
        r.GetString(0),
        (RebalancingTrigger)r.GetInt16(1),
        (OperationState)r.GetInt16(2),
        r.GetString(3),
        RebalancingPlan.Parser.ParseFrom(r.GetFieldValue<byte[]>(4)),
        AdaptiveThrottle.Parser.ParseFrom(r.GetFieldValue<byte[]>(5)),
        r.GetDouble(6),
        r.GetDouble(7),
        r.GetDouble(8),
        r.GetDouble(9),
        r.IsDBNull(10) ? null : OperationError.Parser.ParseFrom(r.GetFieldValue<byte[]>(10)),
        r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
        r.GetInt64(13));

    private static MoveRow ReadMove(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetInt32(1),
        DomainMove.Parser.ParseFrom(r.GetFieldValue<byte[]>(2)),
        r.IsDBNull(3) ? null : r.GetString(3),
        (MigrationPhase)r.GetInt16(4),
        (OperationState)r.GetInt16(5),
        r.GetDouble(6),
        r.GetInt64(7),
        r.GetInt64(8),
        r.GetBoolean(9),
        r.GetString(10),
        r.IsDBNull(11) ? null : OperationError.Parser.ParseFrom(r.GetFieldValue<byte[]>(11)),
        r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
        r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13));
}
