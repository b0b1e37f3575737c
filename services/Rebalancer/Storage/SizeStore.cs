using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Cluster and domain sizes as <see cref="Sampling.SizeSampler"/> counts them through the cluster port.</summary>
public sealed class SizeStore(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(DateTimeOffset sampledAt, ClusterOptions cluster, ClusterStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(stats);
        await using var batch = dataSource.CreateBatch();
        var total = new NpgsqlBatchCommand("""
            INSERT INTO size_samples (cluster, sampled_at, point_count, size_bytes, capacity_points, capacity_bytes)
            VALUES (@c, @t, @p, @b, @cp, @cb) ON CONFLICT DO NOTHING
            """);
        total.Parameters.AddWithValue("c", cluster.Name);
        total.Parameters.AddWithValue("t", sampledAt);
        total.Parameters.AddWithValue("p", stats.PointsCount);
        total.Parameters.AddWithValue("b", stats.ApproximateBytes);
        total.Parameters.AddWithValue("cp", cluster.CapacityPoints);
        total.Parameters.AddWithValue("cb", cluster.CapacityBytes);
        batch.BatchCommands.Add(total);
        foreach (var collection in stats.Collections)
        {
            if (!LibraryName.TrySplit(collection.Name, out var library, out var domainId))
            {
                continue;
            }

            var row = new NpgsqlBatchCommand("""
                INSERT INTO domain_size_samples (cluster, sampled_at, library, domain_id, point_count, size_bytes)
                VALUES (@c, @t, @l, @d, @p, @b) ON CONFLICT DO NOTHING
                """);
            row.Parameters.AddWithValue("c", cluster.Name);
            row.Parameters.AddWithValue("t", sampledAt);
            row.Parameters.AddWithValue("l", library);
            row.Parameters.AddWithValue("d", domainId);
            row.Parameters.AddWithValue("p", collection.PointsCount);
            row.Parameters.AddWithValue("b", collection.ApproximateBytes);
            batch.BatchCommands.Add(row);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Fill ratio per cluster (the higher of points / capacity_points and bytes / capacity_bytes; 0 without capacity)
    /// in buckets of <paramref name="bucket"/> over [<paramref name="from"/>, <paramref name="to"/>), oldest first.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>>> FillSeriesAsync(
        DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT cluster, date_bin(@w, sampled_at, @o) b,
                   avg(GREATEST(CASE WHEN capacity_points > 0 THEN point_count::float8 / capacity_points ELSE 0 END,
                                CASE WHEN capacity_bytes > 0 THEN size_bytes::float8 / capacity_bytes ELSE 0 END))
            FROM size_samples WHERE sampled_at >= @from AND sampled_at < @to
            GROUP BY 1, 2 ORDER BY 1, 2
            """);
        command.Parameters.AddWithValue("w", bucket);
        command.Parameters.AddWithValue("o", LoadStore.Origin);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return await SeriesReader.ReadAsync(command, cancellationToken);
    }
}
