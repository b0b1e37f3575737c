using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.TestInfrastructure;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Bench.Routing;

/// <summary>
/// The mesh as the tests start it (<see cref="ServiceMesh"/>: private databases on the test PostgreSQL, one private
/// Redis, services calling each other with the admin key) with Discovery, Specialization and the Orchestrator on four
/// LocalClusters local-a (default) .. local-d for the library, and a fifth, "direct", that no service knows: the peer
/// holding every point in one collection.
/// </summary>
internal sealed class BenchMesh : IAsyncDisposable
{
    public static readonly string[] ClusterNames = ["local-a", "local-b", "local-c", "local-d"];

    private ServiceMesh? _mesh;
    private LocalClusterProcess? _directProcess;
    private QdrantCluster? _direct;

    public V1.OrchestratorService.OrchestratorServiceClient Client => new(Host("Orchestrator").CallInvoker);

    /// <summary>The direct peer, through the client the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Direct => _direct!;

    public string OrchestratorDatabase => Mesh.Database("Orchestrator");

    public string OrchestratorLog => _mesh?.Log("Orchestrator") ?? "";

    private ServiceMesh Mesh => _mesh ?? throw new InvalidOperationException("The mesh is not running.");

    /// <summary>The running host of Discovery, Specialization or the Orchestrator.</summary>
    public ServiceHostProcess Host(string service) => Mesh.Host(service);

    public async Task StartAsync(params (string Key, string Value)[] orchestratorExtra)
    {
        _mesh = await ServiceMesh.StartAsync(
            ClusterNames, ["Discovery", "Specialization", "Orchestrator"], service => Settings(service, orchestratorExtra), [("Logging__LogLevel__Default", "Warning")]);
        _directProcess = await LocalClusterProcess.StartAsync();
        _direct = new QdrantCluster(
            new ClusterOptions { Name = "direct", Url = _directProcess.RestUrl, GrpcUrl = _directProcess.GrpcUrl },
            new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(50) });
    }

    /// <summary>Starts the Orchestrator (stopping a running one first) on the same stores, with <paramref name="extra"/>.</summary>
    public Task StartOrchestratorAsync(params (string Key, string Value)[] extra) => Mesh.StartAsync("Orchestrator", extra);

    public async ValueTask DisposeAsync()
    {
        if (_mesh is not null)
        {
            await _mesh.DisposeAsync();
        }

        _direct?.Dispose();
        if (_directProcess is not null)
        {
            await _directProcess.DisposeAsync();
        }
    }

    private static IEnumerable<(string Key, string Value)> Settings(string service, (string Key, string Value)[] orchestratorExtra) => service switch
    {
        // No scheduled analyses: the schedule would start one with default settings as soon as the upserts land,
        // racing the k-means analysis this benchmark measures (one analysis per library at a time).
        "Discovery" => [("Discovery__ReanalysisInterval", "0s")],
        "Specialization" => [("Specialization__WatchPollInterval", "250ms"), ("Specialization__CleanupGracePeriod", "1s")],
        // The calibrator says when and on what it calibrated; printed when the run fails. The extra settings stay
        // for restarts, whose own extra settings come after them and win.
        "Orchestrator" => [("Logging__LogLevel__MultiCluster.Orchestrator.Routing", "Information"), .. orchestratorExtra],
        _ => [],
    };
}
