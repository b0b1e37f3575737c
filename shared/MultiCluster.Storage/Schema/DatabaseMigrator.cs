using Microsoft.Extensions.Logging;
using Npgsql;

namespace MultiCluster.Storage.Schema;

/// <summary>
/// Brings a database up to the migrations it is given, once, however many instances start at the same moment:
/// they queue on one PostgreSQL advisory lock, and each finds what the ones before it applied in schema_version.
/// Each migration runs in its own transaction with its schema_version row, so it is applied whole or not at all.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, ILogger<DatabaseMigrator> logger)
{
    /// <summary>The advisory lock every migrator takes in its database ("MCSCHEMA" in ASCII).</summary>
    public const long LockKey = 0x4D43_5343_4845_4D41;

    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_version (
            module     text        NOT NULL,
            version    integer     NOT NULL,
            file_name  text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (module, version)
        )
        """;

    /// <summary>How long to wait for another instance that holds the lock; a longer wait stops the start, explained.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Applies every migration not yet in schema_version, in module order then version order; returns them.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken)
    {
        var modules = sources.Select(s => s.Load()).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, CreateHistory, cancellationToken);
            var applied = (await SchemaHistory.ReadAsync(connection, cancellationToken)).ToDictionary(a => (a.Module, a.Version));
            var done = new List<Migration>();
            foreach (var migration in modules.SelectMany(m => m))
            {
                if (applied.Remove((migration.Module, migration.Version), out var previous))
                {
                    ThrowIfChanged(migration, previous);
                    continue;
                }

                await ApplyAsync(connection, migration, cancellationToken);
                done.Add(migration);
            }

            foreach (var unknown in applied.Values)
            {
                LogUnknownMigration(logger, unknown.Module, unknown.FileName);
            }

            return done;
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        command.CommandTimeout = (int)Math.Ceiling(LockTimeout.TotalSeconds);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException exception) when (exception.InnerException is TimeoutException)
        {
            throw new MigrationFailedException(
                $"Another instance held the schema migration lock of database '{connection.Database}' for more than {LockTimeout}: " +
                $"find it with SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = {LockKey & 0xFFFFFFFF}, or wait for it to finish.", exception);
        }
    }

    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        // Closing the session releases the lock too; unlocking first keeps a pooled connection clean.
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection is broken; its session, and with it the lock, is gone.
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await SchemaHistory.RecordAsync(connection, transaction, migration, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new MigrationFailedException(
                $"Migration {migration} failed and was rolled back, so the service stops: {exception.MessageText} " +
                $"(SQLSTATE {exception.SqlState}{(exception.Position > 0 ? $", at character {exception.Position}" : "")}). " +
                $"Fix {migration.FileName} and start again.", exception);
        }

        LogApplied(logger, migration.Module, migration.FileName, connection.Database);
    }

    private static void ThrowIfChanged(Migration migration, AppliedMigration previous)
    {
        if (previous.Checksum != migration.Checksum)
        {
            throw new MigrationFailedException(
                $"Migration {migration} was changed after it was applied to this database on {previous.AppliedAt:u}. " +
                "Applied migrations are history: restore the file and add a new migration with the change.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        // Migrations may rewrite large tables: no command timeout, the host's start cancellation bounds them.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied migration {Module}/{FileName} to database {Database}")]
    private static partial void LogApplied(ILogger logger, string module, string fileName, string database);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Database has migration {Module}/{FileName} that this build does not know: a newer build migrated it")]
    private static partial void LogUnknownMigration(ILogger logger, string module, string fileName);
}
