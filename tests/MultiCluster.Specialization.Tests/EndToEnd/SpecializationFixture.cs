using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.TestInfrastructure;
using Xunit;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// A real Specialization process with what it depends on: a private database on the shared PostgreSQL, a private
/// Redis, and three running LocalClusters, "local-a" (the default), "local-b" and "local-c". Tests use their own
/// library names so they do not see each other's collections. <see cref="RestartAsync"/> and <see cref="KillHost"/>
/// keep the database, so a restarted host resumes where the previous one stopped.
/// </summary>
public sealed class SpecializationFixture : IAsyncLifetime
{
    public static readonly string[] ClusterNames = ["local-a", "local-b", "local-c"];

    private readonly List<LocalClusterProcess> _processes = [];
    private readonly Dictionary<string, QdrantCluster> _clients = new(StringComparer.Ordinal);
    private RedisServer? _redis;
    private ServiceHostProcess? _host;

    /// <summary>The running host.</summary>
    public ServiceHostProcess Host => _host ?? throw new InvalidOperationException("The host is not running: call StartHostAsync.");

    public V1.SpecializationService.SpecializationServiceClient Client => new(Host.CallInvoker);

    public V1.ClusterAdminService.ClusterAdminServiceClient Admin => new(Host.CallInvoker);

    /// <summary>The settings the host starts with; tests may add their own to <see cref="StartHostAsync"/>.</summary>
    public List<(string Key, string Value)> Settings { get; } = [];

    /// <summary>A client of the named cluster, as the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Cluster(string name) => _clients[name];

    /// <summary>The LocalCluster process behind the named cluster (to kill it and start it again).</summary>
    public LocalClusterProcess ClusterProcess(string name) => _processes[Array.IndexOf(ClusterNames, name)];

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>
    /// Starts a killed cluster again and returns once the host itself reaches it: its client reconnects with a
    /// backoff, and a test that went on before would see the cluster as still down.
    /// </summary>
    public async Task BringBackAsync(string name)
    {
        await ClusterProcess(name).StartAgainAsync().Within();
        await Eventually.TrueAsync(
            async () => (await Admin.HealthCheckClustersAsync(new V1.HealthCheckClustersRequest { Names = { name } }).ResponseAsync)
                .Clusters.Single().Status == V1.HealthStatus.Healthy,
            $"the Specialization host to see {name} healthy again");
    }

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _redis = await RedisServer.StartAsync();
        foreach (var name in ClusterNames)
        {
            var process = await LocalClusterProcess.StartAsync();
            _processes.Add(process);
            _clients[name] = new QdrantCluster(
                new ClusterOptions { Name = name, Url = process.RestUrl, GrpcUrl = process.GrpcUrl },
                new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(50) });
            Settings.AddRange(process.Settings(name));
        }

        DatabaseConnectionString = await postgres.CreateDatabaseAsync("specialization");
        Settings.Add(("CLUSTERS_DEFAULT", "local-a"));
        Settings.Add(("Redis__ConnectionString", _redis.ConnectionString));
        Settings.Add(("Postgres__ConnectionString", DatabaseConnectionString));
        Settings.Add(("Specialization__WatchPollInterval", "250ms"));
        Settings.Add(("Specialization__CleanupGracePeriod", "1s"));
        // Off by default: a scheduled sync would repair the replicas tests make differ on purpose; the test of the
        // schedule starts a host of its own with it on.
        Settings.Add(("Specialization__ReplicaSyncInterval", "0"));
        await StartHostAsync();
    }

    /// <summary>Starts the host (stopping a running one first) with <see cref="Settings"/> and <paramref name="extra"/>.</summary>
    public async Task StartHostAsync(params (string Key, string Value)[] extra)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        _host = await ServiceHostProcess.StartAsync("Specialization", Settings.Concat(extra));
    }

    /// <summary>Stops the host and starts it again on the same database (a restart, as after a deployment).</summary>
    public Task RestartAsync() => StartHostAsync();

    /// <summary>Kills the host with SIGKILL, as a crash would; <see cref="StartHostAsync"/> brings it back.</summary>
    public void KillHost() => _host?.Kill();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
