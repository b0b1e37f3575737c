using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Storage.Schema;
using MultiCluster.TestInfrastructure;
using Npgsql;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>A fresh service database on the shared test server, migrated with the storage module (the outbox table).</summary>
internal sealed class OutboxDatabase : IAsyncDisposable
{
    private OutboxDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<OutboxDatabase> CreateAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var database = new OutboxDatabase(await server.CreateDatabaseAsync("outbox"));
        await new DatabaseMigrator(database.DataSource, [MigrationSource.Storage], NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None).Within();
        return database;
    }

    public async Task<long> UnsentAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync().Within())!;
    }

    /// <summary>Ends every other session of this database that sits inside an open transaction, as a crash would.</summary>
    public async Task TerminateOpenTransactionsAsync()
    {
        await using var command = DataSource.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'");
        await command.ExecuteScalarAsync().Within();
    }

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
