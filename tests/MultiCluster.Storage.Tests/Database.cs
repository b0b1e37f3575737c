using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Storage.Schema;
using MultiCluster.TestInfrastructure;
using Npgsql;

namespace MultiCluster.Storage.Tests;

/// <summary>A fresh database on the shared test server, with helpers to migrate and query it.</summary>
internal sealed class Database : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _instances = [];

    private Database(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<Database> CreateAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return new Database(await server.CreateDatabaseAsync("storage"));
    }

    /// <summary>A migrator with its own data source, as a separate service instance would have.</summary>
    public DatabaseMigrator Migrator(params MigrationSource[] modules)
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _instances.Add(dataSource);
        return new DatabaseMigrator(dataSource, modules, NullLogger<DatabaseMigrator>.Instance);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync().Within())!;
    }

    public async Task<bool> TableExistsAsync(string table) =>
        await ScalarAsync<bool>($"SELECT to_regclass('public.{table}') IS NOT NULL");

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await DataSource.DisposeAsync();
    }
}
