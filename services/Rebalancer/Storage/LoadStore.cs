using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>
/// Load samples from "cluster.load" (Migrations/0001_time_series.sql): raw rows per reporter, rolled up by
/// <see cref="Downsampler"/>. Reads sum the reporters of each cluster: several Orchestrators each report their share.
/// </summary>
public sealed class LoadStore(NpgsqlDataSource dataSource)
{
    /// <summary>Buckets are aligned on the Unix epoch, so every reader and the rollups agree on their edges.</summary>
    internal static readonly DateTimeOffset Origin = DateTimeOffset.UnixEpoch;

    /// <summary>Stores one reporter's window; a redelivered report overwrites itself (same key), so nothing counts twice.</summary>
    public async Task RecordAsync(string reporter, DateTimeOffset windowEnd, IReadOnlyList<ClusterLoad> loads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loads);
        await using var batch = dataSource.CreateBatch();
        foreach (var load in loads)
        {
            var sample = new NpgsqlBatchCommand("""
                INSERT INTO load_samples (cluster, reporter, window_end, request_rate, latency_p99, error_rate, requests)
                VALUES (@c, @r, @t, @rate, @p99, @err, @n)
                ON CONFLICT (cluster, reporter, window_end) DO UPDATE SET request_rate = excluded.request_rate,
                    latency_p99 = excluded.latency_p99, error_rate = excluded.error_rate, requests = excluded.requests
                """);
            sample.Parameters.AddWithValue("c", load.Cluster.Name);
            sample.Parameters.AddWithValue("r", reporter);
            sample.Parameters.AddWithValue("t", windowEnd);
            sample.Parameters.AddWithValue("rate", load.RequestRatePerSecond);
            sample.Parameters.AddWithValue("p99", load.LatencyP99Ms);
            sample.Parameters.AddWithValue("err", load.ErrorRate);
            sample.Parameters.AddWithValue("n", (long)Math.Min(load.RequestCount, long.MaxValue));
            batch.BatchCommands.Add(sample);
            foreach (var domain in load.Domains)
            {
                var row = new NpgsqlBatchCommand("""
                    INSERT INTO domain_load_samples (cluster, reporter, window_end, library, domain_id, query_rate, queries)
                    VALUES (@c, @r, @t, @l, @d, @rate, @n)
                    ON CONFLICT (cluster, reporter, window_end, library, domain_id) DO UPDATE SET query_rate = excluded.query_rate, queries = excluded.queries
                    """);
                row.Parameters.AddWithValue("c", load.Cluster.Name);
                row.Parameters.AddWithValue("r", reporter);
                row.Parameters.AddWithValue("t", windowEnd);
                row.Parameters.AddWithValue("l", domain.Library);
                row.Parameters.AddWithValue("d", domain.DomainId);
                row.Parameters.AddWithValue("rate", domain.QueryRatePerSecond);
                row.Parameters.AddWithValue("n", (long)Math.Min(domain.QueryCount, long.MaxValue));
                batch.BatchCommands.Add(row);
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Load of every cluster that reported in [<paramref name="since"/>, now): each reporter's mean, summed.</summary>
    public async Task<IReadOnlyList<CurrentLoad>> CurrentAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT cluster, sum(rate), max(p99), avg(err) FROM (
                SELECT cluster, reporter, avg(request_rate) rate, max(latency_p99) p99, avg(error_rate) err
                FROM load_samples WHERE window_end >= @since GROUP BY cluster, reporter) r
            GROUP BY cluster ORDER BY cluster
            """);
        command.Parameters.AddWithValue("since", since);
        return await Rows.ReadAsync(command, r => new CurrentLoad(r.GetString(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)), cancellationToken);
    }

    /// <summary>Query rate of every domain on every cluster in [<paramref name="since"/>, now), summed over reporters.</summary>
    public async Task<IReadOnlyList<CurrentDomainLoad>> CurrentDomainsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT cluster, library, domain_id, sum(rate) FROM (
                SELECT cluster, reporter, library, domain_id, avg(query_rate) rate
                FROM domain_load_samples WHERE window_end >= @since GROUP BY cluster, reporter, library, domain_id) r
            GROUP BY cluster, library, domain_id
            """);
        command.Parameters.AddWithValue("since", since);
        return await Rows.ReadAsync(command, r => new CurrentDomainLoad(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3)), cancellationToken);
    }

    /// <summary>True when any load sample (raw or rolled up) names the library.</summary>
    public async Task<bool> KnowsLibraryAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM domain_load_samples WHERE library = @l) OR EXISTS (SELECT 1 FROM domain_load_rollups WHERE library = @l)");
        command.Parameters.AddWithValue("l", library);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Request rate per cluster in buckets of <paramref name="bucket"/> over [<paramref name="from"/>, <paramref name="to"/>),
    /// oldest first, from rollups (older than the raw retention) and raw rows (newer). A bucket holding both is averaged.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>>> RateSeriesAsync(
        DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT cluster, b, avg(rate) FROM (
                SELECT cluster, b, sum(rate) rate FROM (
                    SELECT cluster, reporter, date_bin(@w, window_end, @o) b, avg(request_rate) rate
                    FROM load_samples WHERE window_end >= @from AND window_end < @to GROUP BY 1, 2, 3) r
                GROUP BY 1, 2
                UNION ALL
                SELECT cluster, date_bin(@w, bucket_start, @o) b, avg(request_rate) rate
                FROM load_rollups WHERE bucket_start >= @from AND bucket_start < @to GROUP BY 1, 2) s
            GROUP BY cluster, b ORDER BY cluster, b
            """);
        command.Parameters.AddWithValue("w", bucket);
        command.Parameters.AddWithValue("o", Origin);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return await SeriesReader.ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// Query rate of every domain on every cluster in buckets of <paramref name="bucket"/> over [<paramref name="from"/>,
    /// <paramref name="to"/>), from rollups and raw rows as <see cref="RateSeriesAsync"/> reads them; ordered by library,
    /// domain, cluster, time; raw rows per reporter as <see cref="ReporterDomainRates"/> reads them, summed over reporters.
    /// </summary>
    public async Task<IReadOnlyList<DomainRatePoint>> DomainRateSeriesAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT cluster, library, domain_id, b, avg(rate) FROM (
                SELECT cluster, library, domain_id, b, sum(rate) rate FROM ({ReporterDomainRates.Sql}) r
                GROUP BY 1, 2, 3, 4
                UNION ALL
                SELECT cluster, library, domain_id, date_bin(@w, bucket_start, @o) b, avg(query_rate) rate
                FROM domain_load_rollups WHERE bucket_start >= @from AND bucket_start < @to GROUP BY 1, 2, 3, 4) s
            GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 1, 4
            """);
        command.Parameters.AddWithValue("w", bucket);
        command.Parameters.AddWithValue("o", Origin);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return await Rows.ReadAsync(
            command, r => new DomainRatePoint(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetDouble(4)), cancellationToken);
    }
}
