using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Forecasts made, scored when the future they forecast arrives (Migrations/0001_time_series.sql, table forecasts).</summary>
public sealed class ForecastStore(NpgsqlDataSource dataSource)
{
    public Task AddAsync(IReadOnlyList<ForecastRecord> forecasts, CancellationToken cancellationToken) => ArrayInsert.ExecuteAsync(
        dataSource, "forecasts", forecasts, cancellationToken,
        ArrayInsert.Column("made_at", (ForecastRecord f) => f.MadeAt),
        ArrayInsert.Column("target_time", (ForecastRecord f) => f.TargetTime),
        ArrayInsert.Column("cluster", (ForecastRecord f) => f.Cluster),
        ArrayInsert.Column("metric", (ForecastRecord f) => f.Metric),
        ArrayInsert.Column("model", (ForecastRecord f) => f.Model),
        ArrayInsert.Column("predicted", (ForecastRecord f) => f.Predicted),
        ArrayInsert.Column("lower_bound", (ForecastRecord f) => f.Lower),
        ArrayInsert.Column("upper_bound", (ForecastRecord f) => f.Upper),
        ArrayInsert.Column("naive", (ForecastRecord f) => f.Naive),
        ArrayInsert.Column("library", (ForecastRecord f) => f.Library),
        ArrayInsert.Column("domain_id", (ForecastRecord f) => f.DomainId));

    /// <summary>Unscored forecasts whose bucket ended before <paramref name="before"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<DueForecast>> DueAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, target_time, cluster, metric, library, domain_id FROM forecasts
            WHERE scored_at IS NULL AND target_time < @before ORDER BY target_time LIMIT @limit
            """);
        command.Parameters.AddWithValue("before", before);
        command.Parameters.AddWithValue("limit", limit);
        return await Rows.ReadAsync(
            command, r => new DueForecast(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)), cancellationToken);
    }

    /// <summary>Records the actual values (null where none was observed: scored, never counted).</summary>
    public async Task ScoreAsync(IReadOnlyList<(long Id, double? Actual)> scores, DateTimeOffset scoredAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            UPDATE forecasts f SET actual = s.actual, scored_at = @at
            FROM unnest(@ids, @actuals) AS s(id, actual) WHERE f.id = s.id
            """);
        command.Parameters.AddWithValue("ids", scores.Select(s => s.Id).ToArray());
        command.Parameters.AddWithValue("actuals", scores.Select(s => s.Actual).ToArray());
        command.Parameters.AddWithValue("at", scoredAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Accuracy per cluster and metric of the clusters' forecasts whose target time falls in [from, to).</summary>
    public async Task<IReadOnlyList<MetricAccuracy>> AccuracyAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT cluster, metric, {Figures}, avg(abs(actual - predicted)), {Coverage}
            FROM forecasts
            WHERE metric <> '{ForecastMetrics.DomainRequestRate}' AND {Scored}
            GROUP BY cluster, metric ORDER BY cluster, metric
            """);
        TimeRangeParameters.Add(command, from, to);
        return await Rows.ReadAsync(
            command, r => new MetricAccuracy(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6)), cancellationToken);
    }

    /// <summary>Accuracy per domain of the domains' query rate forecasts whose target time falls in [from, to), wherever the domain was served.</summary>
    public async Task<IReadOnlyList<DomainAccuracy>> DomainAccuracyAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT library, domain_id, {Figures}, {Coverage}
            FROM forecasts
            WHERE metric = '{ForecastMetrics.DomainRequestRate}' AND {Scored}
            GROUP BY library, domain_id ORDER BY library, domain_id
            """);
        TimeRangeParameters.Add(command, from, to);
        return await Rows.ReadAsync(
            command, r => new DomainAccuracy(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5)), cancellationToken);
    }

    /// <summary>Count, MAPE and the naive forecast's MAPE (percent, over actual values that are not zero).</summary>
    private const string Figures = """
        count(*),
        coalesce(avg(abs(actual - predicted) / abs(actual)) FILTER (WHERE actual <> 0), 0) * 100,
        coalesce(avg(abs(actual - naive) / abs(actual)) FILTER (WHERE actual <> 0), 0) * 100
        """;

    private const string Coverage = "avg(CASE WHEN actual BETWEEN lower_bound AND upper_bound THEN 1.0 ELSE 0.0 END)";

    private const string Scored = "actual IS NOT NULL AND (@from::timestamptz IS NULL OR target_time >= @from) AND (@to::timestamptz IS NULL OR target_time < @to)";
}
