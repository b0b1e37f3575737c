using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;
using Npgsql;
using NpgsqlTypes;

namespace MultiCluster.Specialization.History;

/// <summary>GetSpecializationHistory: the records HistoryStore wrote, newest first, a page at a time.</summary>
public sealed class HistoryReader(NpgsqlDataSource dataSource)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1_000;

    public async Task<GetSpecializationHistoryResponse> PageAsync(GetSpecializationHistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Library.Length > 0 && !LibraryName.IsValid(request.Library))
        {
            throw SpecializationException.Invalid($"library: {LibraryName.Quote(request.Library)} is not a library name; leave it empty for every library.");
        }

        for (var i = 0; i < request.Kinds.Count; i++)
        {
            if (!System.Enum.IsDefined(request.Kinds[i]))
            {
                throw SpecializationException.Invalid($"kinds[{i}]: {(int)request.Kinds[i]} is not a history kind; use PLAN, SPECIALIZE, MIGRATION, CONFIG_UPDATE, ROUTING_CHANGE or POLICY_CHANGE.");
            }
        }

        var (from, to) = RequestTime.ReadRange(request.TimeRange, "time_range", out var problem);
        if (problem is not null)
        {
            throw SpecializationException.Invalid(problem);
        }

        var kinds = request.Kinds.Where(k => k != SpecializationEventKind.Unspecified).Distinct().Order().ToList();
        var filters = string.Join('|', request.Library, string.Join(',', kinds.Select(k => (int)k)),
            from?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", to?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "");
        var after = string.IsNullOrEmpty(request.Pagination?.PageToken) ? null : HistoryPosition.FromToken(request.Pagination.PageToken, filters);
        var size = request.Pagination?.PageSize is > 0 and var asked ? (int)Math.Min(asked, MaxPageSize) : DefaultPageSize;
        var rows = await QueryAsync(new HistoryQuery(request.Library, kinds, from, to, size + 1, after), cancellationToken);
        var response = new GetSpecializationHistoryResponse();
        response.Records.AddRange(rows.Take(size).Select(r => r.Record));
        if (rows.Count > size)
        {
            response.NextPageToken = rows[size - 1].Position.ToToken(filters);
        }

        return response;
    }

    /// <summary>A page of records with the position of each, newest first.</summary>
    public async Task<IReadOnlyList<(SpecializationRecord Record, HistoryPosition Position)>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand("""
            SELECT record_id, kind, operation_id, library, domain_id, state, summary, routing_version, started_at, finished_at
            FROM specialization_history
            WHERE (@library = '' OR library = @library)
              AND (cardinality(@kinds) = 0 OR kind = ANY(@kinds))
              AND (@from::timestamptz IS NULL OR started_at >= @from)
              AND (@to::timestamptz IS NULL OR started_at < @to)
              AND (@afterTime::timestamptz IS NULL OR (started_at, record_id) < (@afterTime, @afterId))
            ORDER BY started_at DESC, record_id DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("library", query.Library);
        command.Parameters.AddWithValue("kinds", query.Kinds.Select(k => (short)k).ToArray());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", query.From) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", query.To) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("afterTime", query.After?.StartedAt) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue("afterId", query.After?.RecordId ?? 0L);
        command.Parameters.AddWithValue("limit", query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(SpecializationRecord, HistoryPosition)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var started = new DateTimeOffset(reader.GetDateTime(8), TimeSpan.Zero);
            rows.Add((new SpecializationRecord
            {
                Kind = (SpecializationEventKind)reader.GetInt16(1),
                OperationId = reader.GetString(2),
                Library = reader.GetString(3),
                DomainId = reader.GetString(4),
                State = (OperationState)reader.GetInt16(5),
                Summary = reader.GetString(6),
                RoutingVersion = (ulong)reader.GetInt64(7),
                StartedAt = Timestamp.FromDateTimeOffset(started),
                FinishedAt = reader.IsDBNull(9) ? null : Timestamp.FromDateTimeOffset(new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero)),
            }, new HistoryPosition(started, reader.GetInt64(0))));
        }

        return rows;
    }
}
