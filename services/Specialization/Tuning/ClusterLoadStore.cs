using Google.Protobuf;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Tuning;

/// <summary>The latest load of every cluster (Migrations/0005_cluster_load.sql), as "cluster.load" reports it.</summary>
public sealed class ClusterLoadStore(NpgsqlDataSource dataSource)
{
    /// <summary>Keeps each report unless a newer one of the same cluster is stored already (events may arrive out of order).</summary>
    public async Task RecordAsync(IReadOnlyList<ClusterLoad> loads, DateTimeOffset reportedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loads);
        await using var batch = dataSource.CreateBatch();
        foreach (var load in loads)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO cluster_load (cluster, load, reported_at) VALUES (@cluster, @load, @at)
                ON CONFLICT (cluster) DO UPDATE SET load = excluded.load, reported_at = excluded.reported_at
                WHERE cluster_load.reported_at <= excluded.reported_at
                """);
            command.Parameters.AddWithValue("cluster", load.Cluster.Name);
            command.Parameters.AddWithValue("load", load.ToByteArray());
            command.Parameters.AddWithValue("at", reportedAt);
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The latest load of every cluster that reported one, by cluster name.</summary>
    public async Task<IReadOnlyDictionary<string, ClusterLoad>> LatestAsync(CancellationToken cancellationToken)
    {
        var loads = new Dictionary<string, ClusterLoad>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT cluster, load FROM cluster_load");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            loads[reader.GetString(0)] = ClusterLoad.Parser.ParseFrom(reader.GetFieldValue<byte[]>(1));
        }

        return loads;
    }
}
