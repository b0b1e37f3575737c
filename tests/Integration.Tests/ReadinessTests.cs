using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using Npgsql;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests;

/// <summary>Each host is ready only while what it depends on answers: its PostgreSQL, Redis and default cluster.</summary>
public sealed class ReadinessTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    public static TheoryData<string> Services => new(MeshFixture.ServiceNames);

    public static TheoryData<string> ServicesWithDatabase => new(MeshFixture.ServicesWithDatabase);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Readyz_IsReady_ListingItsChecks_WithTheDownClustersAsDegraded(string name)
    {
        var (status, report) = await ReadyzAsync(mesh.Hosts[name]);

        Assert.Equal(HttpStatusCode.OK, status);
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("Healthy", checks["redis"].GetProperty("status").GetString());
        Assert.Equal("Degraded", checks["clusters"].GetProperty("status").GetString());
        Assert.Contains("down: local-b, local-c", checks["clusters"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(MeshFixture.ServicesWithDatabase.Contains(name), checks.ContainsKey("postgres"));
    }

    [Theory]
    [MemberData(nameof(ServicesWithDatabase))]
    public async Task EachServiceDatabase_IsMigratedAtStart_WithTheOutbox(string name)
    {
        await using var connection = new NpgsqlConnection(mesh.Databases[name]);
        await connection.OpenAsync().Within();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_version; SELECT to_regclass('outbox') IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync().Within();

        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetInt64(0) >= 1);
        Assert.True(await reader.NextResultAsync() && await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
    }

    [Fact]
    public async Task HostWhoseRedisIsDown_StaysAlive_ButIsNotReady_NamingRedis()
    {
        await using var host = await ServiceHost.StartAliveAsync("Orchestrator", [.. mesh.ClusterSettings, ("Postgres__ConnectionString", mesh.Databases["Orchestrator"]), ("Redis__ConnectionString", $"127.0.0.1:{FreePort.Next()}")]);

        var (status, report) = await ReadyzAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var redis = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
        Assert.Equal("Unhealthy", redis.GetProperty("status").GetString());
        Assert.Contains("Redis:ConnectionString", redis.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostWhoseDefaultClusterIsDown_IsNotReady_SayingWhatToDo()
    {
        await using var host = await ServiceHost.StartAliveAsync("Orchestrator", [.. mesh.SettingsFor("Orchestrator"), ("CLUSTERS__LOCAL_A__URL", $"http://127.0.0.1:{FreePort.Next()}")]);

        var (status, report) = await ReadyzAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var clusters = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "clusters");
        Assert.Contains("The default cluster 'local-a' does not answer", clusters.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostWhoseDatabaseGoesAway_StaysAlive_ButIsNotReady_NamingPostgres()
    {
        var database = await mesh.Postgres.CreateDatabaseAsync("discovery").Within();
        await using var host = await ServiceHost.StartAsync("Discovery", [.. mesh.CommonSettings, ("Postgres__ConnectionString", database)]);

        // What the host sees when its server goes away (new connections refused, open ones cut), without stopping the
        // server the other tests share.
        await RefuseConnectionsAsync(new NpgsqlConnectionStringBuilder(database).Database!);
        var (status, report) = await ReadyzAsync(host);
        using var http = new HttpClient();
        using var live = await http.GetAsync(new Uri($"http://127.0.0.1:{host.HttpPort}/healthz")).Within();
        using var channel = host.CreateChannel();
        var grpcHealth = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (status, live.StatusCode));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, grpcHealth.Status);
        var postgres = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "postgres");
        Assert.Equal("Unhealthy", postgres.GetProperty("status").GetString());
        Assert.Contains("Postgres:ConnectionString", postgres.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostWhoseDatabaseIsUnreachableAtStart_Stops_NamingPostgres()
    {
        var (exitCode, output, errors) = await ServiceHost.RunExpectingFailureAsync("Discovery",
            [.. mesh.CommonSettings, ("Auth__Enabled", "false"), ("Postgres__ConnectionString", $"Host=127.0.0.1;Port={FreePort.Next()};Database=discovery;Username=postgres;Timeout=3")]).Within();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("does not answer, so the service cannot migrate its database and stops", output + errors, StringComparison.Ordinal);
        Assert.Contains("Postgres:ConnectionString", output + errors, StringComparison.Ordinal);
    }

    private async Task RefuseConnectionsAsync(string database)
    {
        await using var admin = new NpgsqlConnection(mesh.Postgres.AdminConnectionString);
        await admin.OpenAsync().Within();
        await using var refuse = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false", admin);
        await refuse.ExecuteNonQueryAsync().Within();
        await using var cut = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", admin);
        cut.Parameters.AddWithValue("database", database);
        await cut.ExecuteNonQueryAsync().Within();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ReadyzAsync(ServiceHost host)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{host.HttpPort}/readyz")).Within();
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
