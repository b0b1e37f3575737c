using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Verification;
using Npgsql;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>What migration tests read around the service: whole collections, the routing table and job rows in the host's database.</summary>
public static class MigrationProbe
{
    /// <summary>Every point of a collection: its ids and the digest over (id, vector, payload).</summary>
    public static async Task<(HashSet<string> Ids, string Digest, long Count)> ScanAsync(IVectorCluster cluster, string collection)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var digest = new PointDigest();
        long count = 0;
        string? offset = null;
        do
        {
            var page = await cluster.ScrollAsync(collection, new ScrollRequest(1000, offset, WithPayload: true, WithVectors: true));
            foreach (var point in page.Points)
            {
                ids.Add(point.Id);
                digest.Add(point);
                count++;
            }

            offset = page.Points.Count == 0 ? null : page.NextOffset;
        }
        while (offset is not null);
        return (ids, digest.Hex, count);
    }

    /// <summary>The library's current routing table as the host stored it; null before it has one.</summary>
    public static async Task<RoutingTable?> RoutingAsync(string connectionString, string library)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT v.routing FROM routing_heads h JOIN routing_versions v ON v.library = h.library AND v.version = h.version WHERE h.library = @library", connection);
        command.Parameters.AddWithValue("library", library);
        return await command.ExecuteScalarAsync() is byte[] bytes ? RoutingTable.Parser.ParseFrom(bytes) : null;
    }

    /// <summary>State, phase and attempt of a job row; null when there is none.</summary>
    public static async Task<(OperationState State, MigrationPhase Phase, int Attempt, long BatchesDone)?> JobAsync(string connectionString, string operationId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT state, phase, attempt, batches_done FROM migrations WHERE operation_id = @id", connection);
        command.Parameters.AddWithValue("id", operationId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? ((OperationState)reader.GetInt16(0), (MigrationPhase)reader.GetInt16(1), reader.GetInt32(2), reader.GetInt64(3))
            : null;
    }

    /// <summary>
    /// The digest the copy kept of what it checked on the target batch by batch (null when there is none, or the final
    /// check found the source no longer matched it).
    /// </summary>
    public static async Task<string?> CopyDigestAsync(string connectionString, string operationId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT copy_digest FROM migrations WHERE operation_id = @id", connection);
        command.Parameters.AddWithValue("id", operationId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The error a job's row shows now (a step that failed and is retried, or why it ended); null when none.</summary>
    public static async Task<OperationError?> ErrorAsync(string connectionString, string operationId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT error FROM migrations WHERE operation_id = @id", connection);
        command.Parameters.AddWithValue("id", operationId);
        return await command.ExecuteScalarAsync() is byte[] bytes ? OperationError.Parser.ParseFrom(bytes) : null;
    }

    /// <summary>The jobs of a library other than splits, oldest first: id, source and target clusters, state.</summary>
    public static async Task<IReadOnlyList<(string OperationId, string Source, string Target, OperationState State)>> MovesAsync(string connectionString, string library)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT operation_id, source_cluster, target_cluster, state FROM migrations WHERE library = @library AND kind <> 2 ORDER BY created_at", connection);
        command.Parameters.AddWithValue("library", library);
        await using var reader = await command.ExecuteReaderAsync();
        var jobs = new List<(string, string, string, OperationState)>();
        while (await reader.ReadAsync())
        {
            jobs.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), (OperationState)reader.GetInt16(3)));
        }

        return jobs;
    }

    /// <summary>Job rows of a library.</summary>
    public static async Task<long> JobCountAsync(string connectionString, string library)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM migrations WHERE library = @library", connection);
        command.Parameters.AddWithValue("library", library);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A search as the Orchestrator makes it from a routing row: every read cluster of the domain (the
    /// <paramref name="fallback"/> cluster when routing has no row yet), results merged by id, best k kept.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SearchAsync(Func<string, IVectorCluster> clusters, RouteEntry? entry, string fallback, string collection, float[] query, int k)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var names = entry is null ? [fallback] : entry.ReadClusters.Select(c => c.Name).ToList();
        var results = await Task.WhenAll(names.Select(name => clusters(name).SearchAsync(collection, new MultiCluster.Clusters.SearchRequest(query, k))));
        return results.SelectMany(r => r).GroupBy(p => p.Id).Select(g => g.First()).OrderBy(p => p.Score).Take(k).Select(p => p.Id).ToList();
    }
}
