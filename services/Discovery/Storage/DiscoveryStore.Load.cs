using MultiCluster.Discovery.Domains;
using Npgsql;

namespace MultiCluster.Discovery.Storage;

public sealed partial class DiscoveryStore
{
    /// <summary>Stores load rows and drops those older than <paramref name="retention"/>, in one transaction.</summary>
    public async Task AddLoadAsync(IReadOnlyList<DomainLoadRow> rows, TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(
                    "INSERT INTO domain_load (library, domain_id, cluster, reporter, window_start, window_ms, query_count) VALUES ($1, $2, $3, $4, $5, $6, $7)");
                command.Parameters.Add(new NpgsqlParameter { Value = row.Library });
                command.Parameters.Add(new NpgsqlParameter { Value = row.DomainId });
                command.Parameters.Add(new NpgsqlParameter { Value = row.Cluster });
                command.Parameters.Add(new NpgsqlParameter { Value = row.Reporter });
                command.Parameters.Add(new NpgsqlParameter { Value = row.WindowStart });
                command.Parameters.Add(new NpgsqlParameter { Value = (long)row.Window.TotalMilliseconds });
                command.Parameters.Add(new NpgsqlParameter { Value = (long)Math.Min(row.QueryCount, long.MaxValue) });
                batch.BatchCommands.Add(command);
            }

            var prune = new NpgsqlBatchCommand("DELETE FROM domain_load WHERE window_start < now() - $1");
            prune.Parameters.Add(new NpgsqlParameter { Value = retention });
            batch.BatchCommands.Add(prune);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Load samples of the library's domains whose window started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<DomainLoadSample>> GetLoadAsync(string library, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT domain_id, window_start, window_ms, query_count FROM domain_load WHERE library = @library AND window_start >= @from AND window_start < @to ORDER BY window_start");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var samples = new List<DomainLoadSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new DomainLoadSample(reader.GetString(0), Utc(reader.GetDateTime(1)), TimeSpan.FromMilliseconds(reader.GetInt64(2)), (ulong)reader.GetInt64(3)));
        }

        return samples;
    }
}
