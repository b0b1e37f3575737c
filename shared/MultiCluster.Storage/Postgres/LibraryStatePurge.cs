using Npgsql;

namespace MultiCluster.Storage.Postgres;

/// <summary>
/// Deletes a dropped library's rows from a service's tables ("library.dropped"): each statement is given the
/// parameters @library and @at (the drop time, so rows made after it, by a library created again under the name,
/// stay), and all run in one transaction, so a retry after a failure starts from the same state.
/// </summary>
public static class LibraryStatePurge
{
    /// <summary>Runs <paramref name="statements"/> in order; returns the rows each deleted.</summary>
    public static async Task<int[]> RunAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> statements, string library, DateTimeOffset droppedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var sql in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("library", library);
            command.Parameters.AddWithValue("at", droppedAt);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.RecordsAffected)];
    }
}
