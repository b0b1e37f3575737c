using MultiCluster.Clusters;
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
    public static readonly string[] ClusterNames = LocalClusterSet.DefaultNames;

    private LocalClusterSet? _clusters;
    private RedisServer? _redis;
    private ServiceHostProcess? _host;

    /// <summary>The running host.</summary>
    public ServiceHostProcess Host => _host ?? throw new InvalidOperationException("The host is not running: call StartHostAsync.");

    public V1.SpecializationService.SpecializationServiceClient Client => new(Host.CallInvoker);

    public V1.ClusterAdminService.ClusterAdminServiceClient Admin => new(Host.CallInvoker);

    /// <summary>The settings the host starts with; tests may add their own to <see cref="StartHostAsync"/>.</summary>
    public List<(string Key, string Value)> Settings { get; } = [];

    /// <summary>A client of the named cluster, as the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Cluster(string name) => Clusters.Client(name);

    /// <summary>The LocalCluster process behind the named cluster (to kill it and start it again).</summary>
    public LocalClusterProcess ClusterProcess(string name) => Clusters.Process(name);

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>
    /// Starts a killed cluster again and returns once the host itself reaches it: its client reconnects with a
    /// backoff, and a test that went on before would see the cluster as still down.
    /// </summary>
    public Task BringBackAsync(string name) => Clusters.StartAgainAsync(name, ("the Specialization host", Host.CallInvoker));

    private LocalClusterSet Clusters => _clusters ?? throw new InvalidOperationException("The clusters are not running.");

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _redis = await RedisServer.StartAsync();
        _clusters = await LocalClusterSet.StartAsync(ClusterNames);
        Settings.AddRange(_clusters.Settings);

        DatabaseConnectionString = await postgres.CreateDatabaseAsync("specialization");
        Settings.Add(("CLUSTERS_DEFAULT", "local-a"));
        Settings.Add(("Redis__ConnectionString", _redis.ConnectionString));
        Settings.Add(("Postgres__ConnectionString", DatabaseConnectionString));
        Settings.Add(("Specialization__WatchPollInterval", "250ms"));
        Settings.Add(("Specialization__CleanupGracePeriod", "1s"));
        // Off by default: a scheduled sync would repair the replicas tests make differ on purpose; the test of the
        // schedule starts a host of its own with it on.
        Settings.Add(("Specialization__ReplicaSyncInterval", "0"));
        // No Discovery runs for these tests: a free port, so a ./run.sh mesh on its default 5101 is never reached.
        Settings.Add(("Messaging__Services__discovery", $"http://127.0.0.1:{FreePort.Next()}"));
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
