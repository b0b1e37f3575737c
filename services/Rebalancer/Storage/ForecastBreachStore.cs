using Npgsql;
using NpgsqlTypes;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Breaches forecasts predicted (or did not), judged when their future arrives (Migrations/0005_forecast_breaches.sql).</summary>
public sealed class ForecastBreachStore(NpgsqlDataSource dataSource)
{
    public async Task AddAsync(IReadOnlyList<ForecastBreach> breaches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breaches);
        if (breaches.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO forecast_breaches (made_at, threshold, subject, threshold_value, covered_from, covered_to, breach_time)
            SELECT * FROM unnest(@made, @threshold, @subject, @limit, @from, @to, @breach)
            """);
        command.Parameters.AddWithValue("made", breaches.Select(b => b.MadeAt).ToArray());
        command.Parameters.AddWithValue("threshold", breaches.Select(b => b.Threshold).ToArray());
        command.Parameters.AddWithValue("subject", breaches.Select(b => b.Subject).ToArray());
        command.Parameters.AddWithValue("limit", breaches.Select(b => b.Limit).ToArray());
        command.Parameters.AddWithValue("from", breaches.Select(b => b.CoveredFrom).ToArray());
        command.Parameters.AddWithValue("to", breaches.Select(b => b.CoveredTo).ToArray());
        command.Parameters.Add(new NpgsqlParameter("breach", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = breaches.Select(b => b.BreachTime).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
