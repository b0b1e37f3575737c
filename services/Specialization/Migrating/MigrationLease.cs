using Npgsql;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// The right to run one migration job: a PostgreSQL advisory lock held by a connection of its own. A process that
/// dies (SIGKILL included) loses its connection and with it the lock, so the next host can take the job over; while
/// the lock is held no other replica runs the job.
/// </summary>
public sealed class MigrationLease : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _operationId;

    private MigrationLease(NpgsqlConnection connection, string operationId)
    {
        _connection = connection;
        _operationId = operationId;
    }

    /// <summary>The lease, or null when another runner holds it.</summary>
    public static async Task<MigrationLease?> TryTakeAsync(NpgsqlDataSource dataSource, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@id, 0))", connection);
            command.Parameters.AddWithValue("id", operationId);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new MigrationLease(connection, operationId);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Released explicitly: a pooled connection would otherwise carry the lock back into the pool.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@id, 0))", _connection);
            command.Parameters.AddWithValue("id", _operationId);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
