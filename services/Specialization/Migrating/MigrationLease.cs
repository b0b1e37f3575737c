using Npgsql;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// The right to run one migration job: a PostgreSQL advisory lock held by a connection of its own. A process that
/// dies (SIGKILL included) loses its connection and with it the lock, so the next host can take the job over; while
/// the lock is held no other replica runs the job.
/// </summary>
/// <remarks>
/// The lock lives in the session, so it also goes when PostgreSQL restarts or the connection is cut, and nothing
/// tells the holder. The lease therefore checks its session every <see cref="DefaultCheckInterval"/>: when the lock
/// is gone it takes it again on a new connection, and when another holder got there first it cancels
/// <see cref="Lost"/>, which the runner must stop on, because that holder now runs the job.
/// </remarks>
public sealed class MigrationLease : IAsyncDisposable
{
    /// <summary>How often the session is checked; a lost lock is noticed (and retaken or given up) within this.</summary>
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _operationId;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private NpgsqlConnection _connection;

    private MigrationLease(NpgsqlDataSource dataSource, NpgsqlConnection connection, string operationId, TimeSpan checkInterval)
    {
        _dataSource = dataSource;
        _connection = connection;
        _operationId = operationId;
        _watch = Task.Run(() => WatchAsync(checkInterval), CancellationToken.None);
    }

    /// <summary>Cancelled when the lock was lost to another holder: stop running the job.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>The lease, or null when another runner holds it.</summary>
    public static Task<MigrationLease?> TryTakeAsync(NpgsqlDataSource dataSource, string operationId, CancellationToken cancellationToken) =>
        TryTakeAsync(dataSource, operationId, DefaultCheckInterval, cancellationToken);

    /// <summary>The lease, checking its session every <paramref name="checkInterval"/>; null when another runner holds it.</summary>
    public static async Task<MigrationLease?> TryTakeAsync(NpgsqlDataSource dataSource, string operationId, TimeSpan checkInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return await TryLockAsync(dataSource, operationId, cancellationToken) is { } connection
            ? new MigrationLease(dataSource, connection, operationId, checkInterval)
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        try
        {
            // Released explicitly: a pooled connection would otherwise carry the lock back into the pool.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@id, 0))", _connection);
            command.Parameters.AddWithValue("id", _operationId);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
            _stop.Dispose();
            _lost.Dispose();
        }
    }

    /// <summary>The connection now holding the lock, or null when another session holds it.</summary>
    private static async Task<NpgsqlConnection?> TryLockAsync(NpgsqlDataSource dataSource, string operationId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@id, 0))", connection);
            command.Parameters.AddWithValue("id", operationId);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return connection;
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

    private async Task WatchAsync(TimeSpan checkInterval)
    {
        using var timer = new PeriodicTimer(checkInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (await HeldAsync())
                {
                    continue;
                }

                switch (await RetakeAsync())
                {
                    case false:
                        await _lost.CancelAsync();
                        return;
                    case null:
                        // PostgreSQL does not answer yet; while it is down nobody else can take the lock either.
                        continue;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Whether this lease's session is alive and still holds an advisory lock (the only one it takes).</summary>
    private async Task<bool> HeldAsync()
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(CheckTimeout);
            await using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid())", _connection);
            return await command.ExecuteScalarAsync(timeout.Token) is true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException || e is OperationCanceledException && !_stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True when the lock is this lease's again, false when another session holds it, null when PostgreSQL does not answer.</summary>
    private async Task<bool?> RetakeAsync()
    {
        NpgsqlConnection? retaken;
        try
        {
            retaken = await TryLockAsync(_dataSource, _operationId, _stop.Token);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return null;
        }

        if (retaken is null)
        {
            return false;
        }

        var old = _connection;
        _connection = retaken;
        await old.DisposeAsync();
        return true;
    }
}
