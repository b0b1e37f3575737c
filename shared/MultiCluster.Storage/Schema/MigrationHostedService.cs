using Microsoft.Extensions.Hosting;

namespace MultiCluster.Storage.Schema;

/// <summary>
/// Migrates the service database while the host starts, before the hosted services registered after it (the outbox
/// relay, subscribers); a failed migration fails the start with the migration's file named.
/// </summary>
internal sealed class MigrationHostedService(Postgres.DatabaseCreator creator, DatabaseMigrator migrator) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await creator.EnsureExistsAsync(cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
