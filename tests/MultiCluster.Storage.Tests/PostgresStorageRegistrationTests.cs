using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiCluster.Storage.Postgres;
using MultiCluster.Storage.Schema;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Storage.Tests;

public sealed class PostgresStorageRegistrationTests
{
    [Fact]
    public async Task Host_start_creates_and_migrates_the_service_database()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = server.ConnectionString($"svc_{Guid.NewGuid():N}");
        using var host = Host(new PostgresOptions { ConnectionString = connectionString, CreateDatabaseIfMissing = true }, TestModules.Counting);

        await host.StartAsync().Within();

        await using var command = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM applications");
        Assert.Equal(1L, await command.ExecuteScalarAsync().Within());
        await host.StopAsync().Within();
    }

    [Fact]
    public async Task Host_start_fails_with_the_failed_migration_named()
    {
        await using var database = await Database.CreateAsync();
        using var host = Host(new PostgresOptions { ConnectionString = database.ConnectionString }, TestModules.Broken);

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => host.StartAsync()).Within();

        Assert.Contains("0002_fails_halfway.sql", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_connection_string_is_refused_naming_the_setting()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPostgresStorage(new PostgresOptions()));

        Assert.Contains("Postgres:ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    private static IHost Host(PostgresOptions options, MigrationSource module)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPostgresStorage(options).AddMigrations(module);
        return builder.Build();
    }
}
