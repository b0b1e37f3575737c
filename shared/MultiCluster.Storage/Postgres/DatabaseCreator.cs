using Microsoft.Extensions.Logging;
using Npgsql;

namespace MultiCluster.Storage.Postgres;

/// <summary>Creates the service database when <see cref="PostgresOptions.CreateDatabaseIfMissing"/> asks for it.</summary>
public sealed partial class DatabaseCreator(PostgresOptions options, ILogger<DatabaseCreator> logger)
{
    private const string DuplicateDatabase = "42P04";

    public async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        if (!options.CreateDatabaseIfMissing)
        {
            return;
        }

        var target = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var database = target.Database ?? throw new InvalidOperationException($"{PostgresOptions.Section}:ConnectionString names no Database: add Database=<service name>.");
        var maintenance = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        try
        {
            // CREATE DATABASE takes no parameters: the name is quoted as an identifier instead.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            LogCreated(logger, database);
        }
        catch (PostgresException exception) when (exception.SqlState == DuplicateDatabase)
        {
            // Another instance created it a moment ago.
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreated(ILogger logger, string database);
}
