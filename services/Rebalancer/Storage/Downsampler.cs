using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>
/// Retention and downsampling: raw load samples older than <see cref="RebalancerOptions.RawRetention"/> become one
/// rollup per cluster (and domain) per <see cref="RebalancerOptions.RollupWidth"/>, in the same transaction that
/// deletes them; rollups, sizes, forecasts, forecast breaches and the plans the auto mode kept older than
/// <see cref="RebalancerOptions.RollupRetention"/> are deleted.
/// A domain's rate in a rollup is, per reporter, what <see cref="ReporterDomainRates"/> reads (the series read raw rows the
/// same way), summed over reporters.
/// </summary>
public sealed class Downsampler(NpgsqlDataSource dataSource, RebalancerOptions options)
{
    /// <summary>The oldest time raw rows are kept for, aligned on a rollup edge so no bucket is split between raw and rollup.</summary>
    public DateTimeOffset RawCutoff(DateTimeOffset now)
    {
        var cutoff = now - options.RawRetention;
        var width = options.RollupWidth.Ticks;
        var sinceOrigin = (cutoff - LoadStore.Origin).Ticks;
        return LoadStore.Origin + TimeSpan.FromTicks(sinceOrigin - (((sinceOrigin % width) + width) % width));
    }

    /// <summary>Runs one pass; returns the raw rows rolled up.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = RawCutoff(now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO load_rollups (cluster, bucket_start, request_rate, latency_p99, error_rate, requests)
                    SELECT cluster, b, sum(rate), max(p99), avg(err), sum(n) FROM (
                        SELECT cluster, reporter, date_bin(@w, window_end, @o) b, avg(request_rate) rate, max(latency_p99) p99,
                               avg(error_rate) err, sum(requests) n
                        FROM load_samples WHERE window_end < @cutoff GROUP BY 1, 2, 3) r
                    GROUP BY cluster, b
                    ON CONFLICT (cluster, bucket_start) DO NOTHING
                    """),
                new($"""
                    INSERT INTO domain_load_rollups (cluster, bucket_start, library, domain_id, query_rate, queries)
                    SELECT cluster, b, library, domain_id, sum(rate), sum(n) FROM ({ReporterDomainRates.Sql}) r
                    GROUP BY cluster, b, library, domain_id
                    ON CONFLICT (cluster, bucket_start, library, domain_id) DO NOTHING
                    """),
                new("DELETE FROM load_samples WHERE window_end < @cutoff"),
                new("DELETE FROM domain_load_samples WHERE window_end < @cutoff"),
                new("DELETE FROM load_rollups WHERE bucket_start < @expired"),
                new("DELETE FROM domain_load_rollups WHERE bucket_start < @expired"),
                new("DELETE FROM size_samples WHERE sampled_at < @expired"),
                new("DELETE FROM domain_size_samples WHERE sampled_at < @expired"),
                new("DELETE FROM forecasts WHERE target_time < @expired"),
                new("DELETE FROM forecast_breaches WHERE covered_to < @expired"),
                new("DELETE FROM auto_plans WHERE planned_at < @expired"),
            },
        };
        (string Name, object Value)[] parameters = [("w", options.RollupWidth), ("o", LoadStore.Origin), ("cutoff", cutoff), ("expired", now - options.RollupRetention),
            ("from", LoadStore.Origin), ("to", cutoff)];
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            foreach (var (name, value) in parameters.Where(p => command.CommandText.Contains("@" + p.Name, StringComparison.Ordinal)))
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        var rolled = batch.BatchCommands[2].RecordsAffected;
        await transaction.CommitAsync(cancellationToken);
        return rolled;
    }
}
