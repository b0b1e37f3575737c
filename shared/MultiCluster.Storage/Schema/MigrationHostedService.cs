using Microsoft.Extensions.Hosting;
using Npgsql;

namespace MultiCluster.Storage.Schema;

/// <summary>
/// Migrates the service database while the host starts, before the hosted services registered after it (the outbox
/// relay, subscribers); a failed migration fails the start with the migration's file named, and an unreachable
/// server with where it was looked for.
/// </summary>
internal sealed class MigrationHostedService(Postgres.DatabaseCreator creator, DatabaseMigrator migrator, NpgsqlDataSource database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await creator.EnsureExistsAsync(cancellationToken);
            await migrator.MigrateAsync(cancellationToken);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            throw new InvalidOperationException(
                $"PostgreSQL at {server.Host}:{server.Port} (database '{server.Database}') does not answer, so the service cannot migrate its database and stops: {e.Message}. Start PostgreSQL, or fix Postgres:ConnectionString.",
                e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
