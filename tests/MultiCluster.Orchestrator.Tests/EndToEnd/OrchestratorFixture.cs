using MultiCluster.Clusters;
using MultiCluster.TestInfrastructure;
using Xunit;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>
/// The mesh the Orchestrator reads, as real processes: Discovery, Specialization and the Orchestrator, each with a
/// private database on the shared PostgreSQL, one private Redis for all (events, cache, snapshot), and three running
/// LocalClusters, "local-a" (the default), "local-b" and "local-c", which tests may kill and start again. Tests use
/// their own library names so they do not see each other's data. <see cref="RestartOrchestratorAsync"/> and
/// <see cref="KillOrchestrator"/> keep every store, as a deployment or a crash would.
/// </summary>
public sealed class OrchestratorFixture : IAsyncLifetime
{
    public static readonly string[] ClusterNames = LocalClusterSet.DefaultNames;

    private LocalClusterSet? _clusters;
    private RedisServer? _redis;
    private ServiceHostProcess? _discovery;
    private ServiceHostProcess? _specialization;
    private ServiceHostProcess? _orchestrator;

    public ServiceHostProcess Orchestrator => _orchestrator ?? throw new InvalidOperationException("The Orchestrator is not running: call StartOrchestratorAsync.");

    public ServiceHostProcess Discovery => _discovery ?? throw new InvalidOperationException("Discovery is not running.");

    public ServiceHostProcess Specialization => _specialization ?? throw new InvalidOperationException("Specialization is not running.");

    public V1.OrchestratorService.OrchestratorServiceClient Client => new(Orchestrator.CallInvoker);

    public V1.DiscoveryService.DiscoveryServiceClient DiscoveryClient => new(Discovery.CallInvoker);

    public V1.SpecializationService.SpecializationServiceClient SpecializationClient => new(Specialization.CallInvoker);

    /// <summary>Cluster and Redis settings every host runs with.</summary>
    public List<(string Key, string Value)> CommonSettings { get; } = [];

    /// <summary>Settings of the Orchestrator only; tests may add their own to <see cref="StartOrchestratorAsync"/>.</summary>
    public List<(string Key, string Value)> OrchestratorSettings { get; } = [];

    /// <summary>A client of the named cluster, as the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Cluster(string name) => Clusters.Client(name);

    /// <summary>The LocalCluster process behind the named cluster (to kill it and start it again).</summary>
    public LocalClusterProcess ClusterProcess(string name) => Clusters.Process(name);

    public string OrchestratorDatabase { get; private set; } = "";

    /// <summary>
    /// Starts a killed cluster again and waits until every service reaches it: their channels reconnect on their own
    /// backoff (at most 2 s), and a test that followed at once would see the cluster still down.
    /// </summary>
    public Task StartClusterAgainAsync(string name) =>
        Clusters.StartAgainAsync(name, ("the Orchestrator", Orchestrator.CallInvoker), ("Specialization", Specialization.CallInvoker), ("Discovery", Discovery.CallInvoker));

    private LocalClusterSet Clusters => _clusters ?? throw new InvalidOperationException("The clusters are not running.");

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _redis = await RedisServer.StartAsync();
        _clusters = await LocalClusterSet.StartAsync(ClusterNames);
        CommonSettings.AddRange(_clusters.Settings);

        CommonSettings.Add(("CLUSTERS_DEFAULT", "local-a"));
        // Services call each other (Specialization reads Discovery's maps, the Orchestrator both) with the admin key every host accepts.
        CommonSettings.Add(("Auth__OutgoingKey", ServiceHostProcess.ApiKey));
        CommonSettings.Add(("Redis__ConnectionString", _redis.ConnectionString));
        _discovery = await ServiceHostProcess.StartAsync("Discovery",
            [.. CommonSettings, ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("discovery"))]);
        CommonSettings.Add(("Messaging__Services__discovery", $"http://127.0.0.1:{_discovery.GrpcPort}"));
        _specialization = await ServiceHostProcess.StartAsync("Specialization",
        [
            .. CommonSettings,
            ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("specialization")),
            ("Specialization__WatchPollInterval", "250ms"),
            ("Specialization__CleanupGracePeriod", "1s"),
        ]);
        CommonSettings.Add(("Messaging__Services__specialization", $"http://127.0.0.1:{_specialization.GrpcPort}"));
        OrchestratorDatabase = await postgres.CreateDatabaseAsync("orchestrator");
        OrchestratorSettings.Add(("Postgres__ConnectionString", OrchestratorDatabase));
        await StartOrchestratorAsync();
    }

    /// <summary>Starts the Orchestrator (stopping a running one first) with its settings and <paramref name="extra"/>.</summary>
    public async Task StartOrchestratorAsync(params (string Key, string Value)[] extra)
    {
        if (_orchestrator is not null)
        {
            await _orchestrator.DisposeAsync();
        }

        _orchestrator = await ServiceHostProcess.StartAsync("Orchestrator", CommonSettings.Concat(OrchestratorSettings).Concat(extra));
    }

    /// <summary>Stops the Orchestrator and starts it again on the same stores.</summary>
    public Task RestartOrchestratorAsync() => StartOrchestratorAsync();

    /// <summary>Kills the Orchestrator with SIGKILL, as a crash would; <see cref="StartOrchestratorAsync"/> brings it back.</summary>
    public void KillOrchestrator() => _orchestrator?.Kill();

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _orchestrator, _specialization, _discovery })
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
