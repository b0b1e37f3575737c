using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Discovery.Storage;

public sealed partial class DiscoveryStore
{
    private const string HistoryColumns =
        "operation_id, library, settings, state, map_version, domain_count, sampled_points, silhouette, published, started_at, " +
        "finished_at, error_code, error_message, error_retryable, message, dry_run, request_id, trigger";

    /// <summary>
    /// Records an accepted analysis as RUNNING. Null when recorded; otherwise the row that prevented it: the
    /// analysis already running for the library, or the earlier one with the same request id.
    /// </summary>
    public async Task<AnalysisRow?> InsertAnalysisAsync(AnalysisStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO analyses (operation_id, library, request_id, trigger, dry_run, strategy, seed, settings, state, started_at)
            VALUES (@operation, @library, @request, @trigger, @dryRun, @strategy, @seed, @settings, @state, @started)
            """);
        command.Parameters.AddWithValue("operation", start.OperationId);
        command.Parameters.AddWithValue("library", start.Library);
        command.Parameters.AddWithValue("request", (object?)start.RequestId ?? DBNull.Value);
        command.Parameters.AddWithValue("trigger", start.Trigger);
        command.Parameters.AddWithValue("dryRun", start.DryRun);
        command.Parameters.AddWithValue("strategy", (int)start.Settings.Strategy);
        command.Parameters.AddWithValue("seed", unchecked((long)start.Seed));
        command.Parameters.AddWithValue("settings", start.Settings.ToByteArray());
        command.Parameters.AddWithValue("state", (int)OperationState.Running);
        command.Parameters.AddWithValue("started", start.StartedAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            var blocking = e.ConstraintName == "analyses_request_id_key" && start.RequestId is not null
                ? await FindByRequestIdAsync(start.RequestId, cancellationToken)
                : await FindActiveAsync(start.Library, cancellationToken);
            // The blocking row finished between the insert and this read: the caller may try again.
            return blocking ?? throw new DiscoveryConflictException(
                $"library: another analysis of {start.Library} was just finishing; try again.");
        }
    }

    public Task<AnalysisRow?> GetAnalysisAsync(string operationId, CancellationToken cancellationToken) =>
        SingleAsync("operation_id = @value", operationId, cancellationToken);

    public Task<AnalysisRow?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken) =>
        SingleAsync("request_id = @value", requestId, cancellationToken);

    public Task<AnalysisRow?> FindActiveAsync(string library, CancellationToken cancellationToken) =>
        SingleAsync("library = @value AND state IN (1, 2)", library, cancellationToken);

    /// <summary>Records a final state without a map (failed, cancelled, dry run).</summary>
    public async Task FinishAsync(AnalysisCompletion completion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await FinishAsync(connection, null, completion, cancellationToken);
    }

    /// <summary>Marks analyses left RUNNING by a process that stopped without finishing them as FAILED; returns how many.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE analyses SET state = @failed, finished_at = now(), error_code = 'ABORTED', error_retryable = true,
                error_message = 'The service stopped while the analysis ran; nothing of it was stored. Start it again.',
                message = 'interrupted by a service restart'
            WHERE state IN (1, 2)
            """);
        command.Parameters.AddWithValue("failed", (int)OperationState.Failed);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A page of the history, newest first.</summary>
    public async Task<IReadOnlyList<AnalysisRow>> QueryHistoryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {HistoryColumns} FROM analyses
            WHERE (@library = '' OR library = @library)
              AND (@from::timestamptz IS NULL OR started_at >= @from)
              AND (@to::timestamptz IS NULL OR started_at < @to)
              AND (cardinality(@states) = 0 OR state = ANY(@states))
              AND (@afterTime::timestamptz IS NULL OR (started_at, operation_id) < (@afterTime, @afterId))
            ORDER BY started_at DESC, operation_id DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("library", query.Library);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", query.From) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", query.To) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue("states", query.States.Select(s => (int)s).ToArray());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("afterTime", query.After?.StartedAt) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue("afterId", query.After?.OperationId ?? "");
        command.Parameters.AddWithValue("limit", query.Limit);
        return await ReadRowsAsync(command, cancellationToken);
    }

    /// <summary>Per strategy: runs, failures, duration quantiles, throughput and silhouette of analyses started in the range.</summary>
    public async Task<IReadOnlyList<StrategyRuns>> StrategyRunsAsync(string library, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT strategy, count(*), count(*) FILTER (WHERE state = 5),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE finished_at IS NOT NULL AND state IN (4, 5)),
                percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE finished_at IS NOT NULL AND state IN (4, 5)),
                avg(sampled_points::double precision * 1000 / clustering_ms) FILTER (WHERE state = 4 AND clustering_ms > 0),
                avg(silhouette) FILTER (WHERE state = 4)
            FROM analyses
            WHERE (@library = '' OR library = @library)
              AND (@from::timestamptz IS NULL OR started_at >= @from)
              AND (@to::timestamptz IS NULL OR started_at < @to)
            GROUP BY strategy ORDER BY strategy
            """);
        command.Parameters.AddWithValue("library", library);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", from) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", to) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<StrategyRuns>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new StrategyRuns(
                (AnalysisStrategy)reader.GetInt32(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6)));
        }

        return runs;
    }

    /// <summary>Analyses running and waiting, and when the last one finished (of <paramref name="library"/>, or all when empty).</summary>
    public async Task<(int Running, int Queued, DateTimeOffset? LastFinished)> ActivityAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*) FILTER (WHERE state = 2), count(*) FILTER (WHERE state = 1), max(finished_at)
            FROM analyses WHERE (@library = '' OR library = @library)
            """);
        command.Parameters.AddWithValue("library", library);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1), reader.IsDBNull(2) ? null : Utc(reader.GetDateTime(2)));
    }

    /// <summary>For every library with history or maps: when its last analysis started and what size its latest map saw.</summary>
    public async Task<IReadOnlyDictionary<string, LibraryMapState>> LibraryStatesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT coalesce(a.library, m.library), a.last_started, m.total_points
            FROM (SELECT library, max(started_at) AS last_started FROM analyses GROUP BY library) a
            FULL JOIN (SELECT DISTINCT ON (library) library, total_points FROM domain_maps ORDER BY library, version DESC) m
              ON a.library = m.library
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new Dictionary<string, LibraryMapState>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var library = reader.GetString(0);
            states[library] = new LibraryMapState(library, reader.IsDBNull(1) ? null : Utc(reader.GetDateTime(1)), reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }

        return states;
    }

    private static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AnalysisCompletion completion, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE analyses SET state = @state, message = @message, map_version = @version, domain_count = @domains,
                sampled_points = @sampled, silhouette = @silhouette, published = @published, finished_at = now(),
                duration_ms = @duration, clustering_ms = @clustering, error_code = @errorCode, error_message = @errorMessage,
                error_retryable = @retryable
            WHERE operation_id = @operation
            """, connection, transaction);
        command.Parameters.AddWithValue("operation", completion.OperationId);
        command.Parameters.AddWithValue("state", (int)completion.State);
        command.Parameters.AddWithValue("message", completion.Message);
        command.Parameters.AddWithValue("version", (long)completion.MapVersion);
        command.Parameters.AddWithValue("domains", completion.DomainCount);
        command.Parameters.AddWithValue("sampled", completion.SampledPoints);
        command.Parameters.AddWithValue("silhouette", double.IsFinite(completion.Silhouette) ? completion.Silhouette : 0);
        command.Parameters.AddWithValue("published", completion.Published);
        command.Parameters.AddWithValue("duration", completion.DurationMs);
        command.Parameters.AddWithValue("clustering", completion.ClusteringMs);
        command.Parameters.AddWithValue("errorCode", (object?)completion.Error?.Code ?? DBNull.Value);
        command.Parameters.AddWithValue("errorMessage", (object?)completion.Error?.Message ?? DBNull.Value);
        command.Parameters.AddWithValue("retryable", completion.Error?.Retryable ?? false);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<AnalysisRow?> SingleAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {HistoryColumns} FROM analyses WHERE {condition} LIMIT 1");
        command.Parameters.AddWithValue("value", value);
        return await ReadRowsAsync(command, cancellationToken) is [var row, ..] ? row : null;
    }

    private static async Task<IReadOnlyList<AnalysisRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AnalysisRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new AnalysisRecord
            {
                OperationId = reader.GetString(0),
                Library = reader.GetString(1),
                Settings = AnalysisSettings.Parser.ParseFrom(reader.GetFieldValue<byte[]>(2)),
                State = (OperationState)reader.GetInt32(3),
                MapVersion = (ulong)reader.GetInt64(4),
                DomainCount = (uint)reader.GetInt32(5),
                SampledPoints = (ulong)reader.GetInt64(6),
                SilhouetteScore = reader.GetDouble(7),
                Published = reader.GetBoolean(8),
                StartedAt = Timestamp.FromDateTimeOffset(Utc(reader.GetDateTime(9))),
                FinishedAt = reader.IsDBNull(10) ? null : Timestamp.FromDateTimeOffset(Utc(reader.GetDateTime(10))),
                Error = reader.IsDBNull(11) ? null : new OperationError
                {
                    Code = reader.GetString(11),
                    Message = reader.IsDBNull(12) ? "" : reader.GetString(12),
                    Retryable = reader.GetBoolean(13),
                },
            };
            rows.Add(new AnalysisRow(record, reader.GetString(14), reader.GetBoolean(15), reader.IsDBNull(16) ? null : reader.GetString(16), reader.GetString(17)));
        }

        return rows;
    }
}
