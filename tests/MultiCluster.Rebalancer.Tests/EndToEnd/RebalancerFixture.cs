using MultiCluster.Clusters;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>
/// A real Rebalancer process with what it depends on: a private database on the shared PostgreSQL, a private Redis
/// (the local transport's streams, where tests publish "cluster.load" as an Orchestrator would), three running
/// LocalClusters, "local-a" (the default), "local-b" and "local-c", and the real Discovery and Specialization processes
/// (the routing tables the planner reads, the migrations moves run as; 10-point batches, so a copy throttled by
/// max_points_per_second takes seconds). Forecasts run on 5-second buckets with a 1-minute season, so a few minutes of
/// reports make a history; plans look 10 s ahead. Tests share the host and call <see cref="ResetAsync"/> first;
/// <see cref="KillHost"/> and <see cref="StartHostAsync"/> crash and bring back the Rebalancer on the same database.
/// </summary>
public sealed class RebalancerFixture : IAsyncLifetime
{
    public static readonly string[] ClusterNames = LocalClusterSet.DefaultNames;

    private static readonly string[] Tables =
    [
        "load_samples", "domain_load_samples", "load_rollups", "domain_load_rollups", "size_samples", "domain_size_samples", "thresholds", "forecasts", "forecast_breaches",
        "rebalancing_moves", "rebalancing_runs", "auto_rebalancing", "auto_plans",
    ];

    private ServiceMesh? _mesh;

    public ServiceHostProcess Host => Mesh.Host("Rebalancer");

    public V1.RebalancerService.RebalancerServiceClient Client => new(Host.CallInvoker);

    public ServiceHostProcess Discovery => Mesh.Host("Discovery");

    public ServiceHostProcess Specialization => Mesh.Host("Specialization");

    public V1.DiscoveryService.DiscoveryServiceClient DiscoveryClient => new(Discovery.CallInvoker);

    public V1.SpecializationService.SpecializationServiceClient SpecializationClient => new(Specialization.CallInvoker);

    public string DatabaseConnectionString => Mesh.Database("Rebalancer");

    public string RedisConnectionString => Mesh.RedisConnectionString;

    /// <summary>A client of the named cluster, as the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Cluster(string name) => Mesh.Clusters.Client(name);

    private ServiceMesh Mesh => _mesh ?? throw new InvalidOperationException("The mesh is not running.");

    public async Task InitializeAsync() =>
        _mesh = await ServiceMesh.StartAsync(ClusterNames, ["Discovery", "Specialization", "Rebalancer"], Settings);

    /// <summary>Kills the Rebalancer with SIGKILL, as a crash would: no drain, no stop hooks.</summary>
    public void KillHost() => Host.Kill();

    /// <summary>Starts the Rebalancer (disposing the one before) on the same database, Redis and peers.</summary>
    public Task StartHostAsync() => Mesh.StartAsync("Rebalancer");

    /// <summary>Empties every table, so a test sees only what it publishes.</summary>
    public Task ResetAsync() => ExecuteAsync($"TRUNCATE {string.Join(", ", Tables)}");

    /// <summary>Runs a statement on the host's database.</summary>
    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(DatabaseConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync().Within();
    }

    /// <summary>The first column of the first row of a query on the host's database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(DatabaseConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync().Within())!;
    }

    public async Task DisposeAsync()
    {
        if (_mesh is not null)
        {
            await _mesh.DisposeAsync();
        }
    }

    private static IEnumerable<(string Key, string Value)> Settings(string service) => service switch
    {
        // No scheduled analyses: one with default settings could republish a test's library with other domains
        // (small ones merged) while the test moves them; the analyses PlacedLibrary asks for are the only ones.
        "Discovery" => [("Discovery__ReanalysisInterval", "0s")],
        "Specialization" =>
        [
            ("Specialization__WatchPollInterval", "250ms"),
            ("Specialization__CleanupGracePeriod", "1s"),
            ("Specialization__MigrationBatchSize", "10"),
        ],
        "Rebalancer" =>
        [
            ("Rebalancer__ForecastBucket", "5s"),
            ("Rebalancer__SeasonLength", "1m"),
            ("Rebalancer__SizeSampleInterval", "1s"),
            // Plans forecast 10 s (two buckets) ahead once 20 s of history are held.
            ("Rebalancer__PlanHorizon", "10s"),
            ("Rebalancer__ExecutorPollInterval", "250ms"),
            ("Rebalancer__ThrottleCheckInterval", "250ms"),
            ("Rebalancer__ThrottleLoadWindow", "3s"),
            ("Rebalancer__WatchPollInterval", "250ms"),
        ],
        _ => [],
    };
}
