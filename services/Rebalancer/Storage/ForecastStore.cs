using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Forecasts made, scored when the future they forecast arrives (Migrations/0001_time_series.sql, table forecasts).</summary>
public sealed class ForecastStore(NpgsqlDataSource dataSource)
{
    public async Task AddAsync(IReadOnlyList<ForecastRecord> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        if (forecasts.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO forecasts (made_at, target_time, cluster, metric, model, predicted, lower_bound, upper_bound, naive, library, domain_id)
            SELECT * FROM unnest(@made, @target, @cluster, @metric, @model, @predicted, @lower, @upper, @naive, @library, @domain)
            """);
        command.Parameters.AddWithValue("made", forecasts.Select(f => f.MadeAt).ToArray());
        command.Parameters.AddWithValue("target", forecasts.Select(f => f.TargetTime).ToArray());
        command.Parameters.AddWithValue("cluster", forecasts.Select(f => f.Cluster).ToArray());
        command.Parameters.AddWithValue("metric", forecasts.Select(f => f.Metric).ToArray());
        command.Parameters.AddWithValue("model", forecasts.Select(f => f.Model).ToArray());
        command.Parameters.AddWithValue("predicted", forecasts.Select(f => f.Predicted).ToArray());
        command.Parameters.AddWithValue("lower", forecasts.Select(f => f.Lower).ToArray());
        command.Parameters.AddWithValue("upper", forecasts.Select(f => f.Upper).ToArray());
        command.Parameters.AddWithValue("naive", forecasts.Select(f => f.Naive).ToArray());
        command.Parameters.AddWithValue("library", forecasts.Select(f => f.Library).ToArray());
        command.Parameters.AddWithValue("domain", forecasts.Select(f => f.DomainId).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
