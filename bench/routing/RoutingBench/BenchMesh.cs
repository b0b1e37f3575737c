using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.TestInfrastructure;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Bench.Routing;

/// <summary>
/// The mesh as the Orchestrator's end-to-end fixture starts it (private databases on the test PostgreSQL, one private
/// Redis, services calling each other with the admin key), with four LocalClusters local-a (default) .. local-d for
/// the library, and a fifth, "direct", that no service knows: the peer holding every point in one collection.
/// </summary>
internal sealed class BenchMesh : IAsyncDisposable
{
    public static readonly string[] ClusterNames = ["local-a", "local-b", "local-c", "local-d"];

    private readonly List<LocalClusterProcess> _processes = [];
    private readonly List<(string Key, string Value)> _common = [];
    private readonly List<(string Key, string Value)> _orchestratorSettings = [];
    private RedisServer? _redis;
    private ServiceHostProcess? _discovery;
    private ServiceHostProcess? _specialization;
    private ServiceHostProcess? _orchestrator;
    private QdrantCluster? _direct;

    public V1.OrchestratorService.OrchestratorServiceClient Client => new((_orchestrator ?? throw new InvalidOperationException("no Orchestrator")).CallInvoker);

    public V1.DiscoveryService.DiscoveryServiceClient DiscoveryClient => new(_discovery!.CallInvoker);

    public V1.SpecializationService.SpecializationServiceClient SpecializationClient => new(_specialization!.CallInvoker);

    /// <summary>The direct peer, through the client the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Direct => _direct!;

    public string OrchestratorDatabase { get; private set; } = "";

    public string OrchestratorLog => _orchestrator?.Log ?? "";

    public async Task StartAsync(params (string Key, string Value)[] orchestratorExtra)
    {
        var postgres = await PostgresServer.SharedAsync();
        _redis = await RedisServer.StartAsync();
        foreach (var name in ClusterNames)
        {
            var process = await LocalClusterProcess.StartAsync();
            _processes.Add(process);
            _common.AddRange(process.Settings(name));
        }

        var direct = await LocalClusterProcess.StartAsync();
        _processes.Add(direct);
        _direct = new QdrantCluster(
            new ClusterOptions { Name = "direct", Url = direct.RestUrl, GrpcUrl = direct.GrpcUrl },
            new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(50) });

        _common.Add(("CLUSTERS_DEFAULT", "local-a"));
        _common.Add(("Auth__OutgoingKey", ServiceHostProcess.ApiKey));
        _common.Add(("Redis__ConnectionString", _redis.ConnectionString));
        _common.Add(("Logging__LogLevel__Default", "Warning"));
        // No scheduled analyses: the schedule would start one with default settings as soon as the upserts land,
        // racing the k-means analysis this benchmark measures (one analysis per library at a time).
        _discovery = await ServiceHostProcess.StartAsync("Discovery",
            [.. _common, ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("discovery")), ("Discovery__ReanalysisInterval", "0s")]);
        _common.Add(("Messaging__Services__discovery", $"http://127.0.0.1:{_discovery.GrpcPort}"));
        _specialization = await ServiceHostProcess.StartAsync("Specialization",
        [
            .. _common,
            ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("specialization")),
            ("Specialization__WatchPollInterval", "250ms"),
            ("Specialization__CleanupGracePeriod", "1s"),
        ]);
        _common.Add(("Messaging__Services__specialization", $"http://127.0.0.1:{_specialization.GrpcPort}"));
        OrchestratorDatabase = await postgres.CreateDatabaseAsync("orchestrator");
        _orchestratorSettings.Add(("Postgres__ConnectionString", OrchestratorDatabase));
        // The calibrator says when and on what it calibrated; printed when the run fails.
        _orchestratorSettings.Add(("Logging__LogLevel__MultiCluster.Orchestrator.Routing", "Information"));
        await StartOrchestratorAsync(orchestratorExtra);
    }

    /// <summary>Starts the Orchestrator (stopping a running one first) on the same stores, with <paramref name="extra"/>.</summary>
    public async Task StartOrchestratorAsync(params (string Key, string Value)[] extra)
    {
        if (_orchestrator is not null)
        {
            await _orchestrator.DisposeAsync();
            _orchestrator = null;
        }

        _orchestrator = await ServiceHostProcess.StartAsync("Orchestrator", _common.Concat(_orchestratorSettings).Concat(extra));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { _orchestrator, _specialization, _discovery })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        _direct?.Dispose();
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
