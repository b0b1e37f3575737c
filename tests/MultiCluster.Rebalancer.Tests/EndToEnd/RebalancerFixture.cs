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
        "load_samples", "domain_load_samples", "load_rollups", "domain_load_rollups", "size_samples", "domain_size_samples", "thresholds", "forecasts",
        "rebalancing_moves", "rebalancing_runs", "auto_rebalancing", "auto_plans",
    ];

    private LocalClusterSet? _clusters;
    private RedisServer? _redis;
    private ServiceHostProcess? _host;
    private ServiceHostProcess? _discovery;
    private ServiceHostProcess? _specialization;
    private List<(string Key, string Value)> _settings = [];

    public ServiceHostProcess Host => _host ?? throw new InvalidOperationException("The host is not running.");

    public V1.RebalancerService.RebalancerServiceClient Client => new(Host.CallInvoker);

    public ServiceHostProcess Discovery => _discovery ?? throw new InvalidOperationException("Discovery is not running.");

    public ServiceHostProcess Specialization => _specialization ?? throw new InvalidOperationException("Specialization is not running.");

    public V1.DiscoveryService.DiscoveryServiceClient DiscoveryClient => new(Discovery.CallInvoker);

    public V1.SpecializationService.SpecializationServiceClient SpecializationClient => new(Specialization.CallInvoker);

    public string DatabaseConnectionString { get; private set; } = "";

    public string RedisConnectionString => _redis?.ConnectionString ?? throw new InvalidOperationException("Redis is not running.");

    /// <summary>A client of the named cluster, as the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Cluster(string name) => Clusters.Client(name);

    private LocalClusterSet Clusters => _clusters ?? throw new InvalidOperationException("The clusters are not running.");

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _redis = await RedisServer.StartAsync();
        List<(string Key, string Value)> settings = [];
        _clusters = await LocalClusterSet.StartAsync(ClusterNames);
        settings.AddRange(_clusters.Settings);

        settings.Add(("CLUSTERS_DEFAULT", "local-a"));
        // Services call each other (Specialization reads Discovery's maps, the Rebalancer Specialization) with the admin key every host accepts.
        settings.Add(("Auth__OutgoingKey", ServiceHostProcess.ApiKey));
        settings.Add(("Redis__ConnectionString", _redis.ConnectionString));
        // No scheduled analyses: one with default settings could republish a test's library with other domains
        // (small ones merged) while the test moves them; the analyses PlacedLibrary asks for are the only ones.
        _discovery = await ServiceHostProcess.StartAsync("Discovery",
            [.. settings, ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("discovery")), ("Discovery__ReanalysisInterval", "0s")]);
        settings.Add(("Messaging__Services__discovery", $"http://127.0.0.1:{_discovery.GrpcPort}"));
        _specialization = await ServiceHostProcess.StartAsync("Specialization",
        [
            .. settings,
            ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("specialization")),
            ("Specialization__WatchPollInterval", "250ms"),
            ("Specialization__CleanupGracePeriod", "1s"),
            ("Specialization__MigrationBatchSize", "10"),
        ]);
        settings.Add(("Messaging__Services__specialization", $"http://127.0.0.1:{_specialization.GrpcPort}"));
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("rebalancer");
        settings.Add(("Postgres__ConnectionString", DatabaseConnectionString));
        settings.Add(("Rebalancer__ForecastBucket", "5s"));
        settings.Add(("Rebalancer__SeasonLength", "1m"));
        settings.Add(("Rebalancer__SizeSampleInterval", "1s"));
        // Plans forecast 10 s (two buckets) ahead once 20 s of history are held.
        settings.Add(("Rebalancer__PlanHorizon", "10s"));
        settings.Add(("Rebalancer__ExecutorPollInterval", "250ms"));
        settings.Add(("Rebalancer__ThrottleCheckInterval", "250ms"));
        settings.Add(("Rebalancer__ThrottleLoadWindow", "3s"));
        settings.Add(("Rebalancer__WatchPollInterval", "250ms"));
        _settings = settings;
        await StartHostAsync();
    }

    /// <summary>Kills the Rebalancer with SIGKILL, as a crash would: no drain, no stop hooks.</summary>
    public void KillHost() => Host.Kill();

    /// <summary>Starts the Rebalancer (disposing the one before) on the same database, Redis and peers.</summary>
    public async Task StartHostAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        _host = await ServiceHostProcess.StartAsync("Rebalancer", _settings);
    }

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
        foreach (var host in new[] { _host, _specialization, _discovery })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (_clusters is not null)
        {
            await _clusters.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
