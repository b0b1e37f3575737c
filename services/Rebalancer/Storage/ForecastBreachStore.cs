using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Breaches forecasts predicted (or did not), judged when their future arrives (Migrations/0005_forecast_breaches.sql).</summary>
public sealed class ForecastBreachStore(NpgsqlDataSource dataSource)
{
    public Task AddAsync(IReadOnlyList<ForecastBreach> breaches, CancellationToken cancellationToken) => ArrayInsert.ExecuteAsync(
        dataSource, "forecast_breaches", breaches, cancellationToken,
        ArrayInsert.Column("made_at", (ForecastBreach b) => b.MadeAt),
        ArrayInsert.Column("threshold", (ForecastBreach b) => b.Threshold),
        ArrayInsert.Column("subject", (ForecastBreach b) => b.Subject),
        ArrayInsert.Column("threshold_value", (ForecastBreach b) => b.Limit),
        ArrayInsert.Column("covered_from", (ForecastBreach b) => b.CoveredFrom),
        ArrayInsert.Column("covered_to", (ForecastBreach b) => b.CoveredTo),
        ArrayInsert.Column("breach_time", (ForecastBreach b) => b.BreachTime));

    /// <summary>Every kept forecast whose covered future overlaps [<paramref name="from"/>, <paramref name="to"/>) (either end open when null).</summary>
    public async Task<IReadOnlyList<ForecastBreach>> OverlappingAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT made_at, threshold, subject, threshold_value, covered_from, covered_to, breach_time FROM forecast_breaches
            WHERE (@from::timestamptz IS NULL OR covered_to > @from) AND (@to::timestamptz IS NULL OR covered_from < @to)
            """);
        TimeRangeParameters.Add(command, from, to);
        return await Rows.ReadAsync(
            command,
            r => new ForecastBreach(
                r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetFieldValue<DateTimeOffset>(4),
                r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6)),
            cancellationToken);
    }
}
