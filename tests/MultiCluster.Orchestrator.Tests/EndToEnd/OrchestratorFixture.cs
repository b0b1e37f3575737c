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

    private ServiceMesh? _mesh;

    public ServiceHostProcess Orchestrator => Mesh.Host("Orchestrator");

    public ServiceHostProcess Discovery => Mesh.Host("Discovery");

    public ServiceHostProcess Specialization => Mesh.Host("Specialization");

    public V1.OrchestratorService.OrchestratorServiceClient Client => new(Orchestrator.CallInvoker);

    public V1.DiscoveryService.DiscoveryServiceClient DiscoveryClient => new(Discovery.CallInvoker);

    public V1.SpecializationService.SpecializationServiceClient SpecializationClient => new(Specialization.CallInvoker);

    /// <summary>The Redis every host uses (events, cache, snapshot).</summary>
    public string RedisConnectionString => Mesh.RedisConnectionString;

    /// <summary>A client of the named cluster, as the services use (Qdrant.Client over gRPC).</summary>
    public IVectorCluster Cluster(string name) => Mesh.Clusters.Client(name);

    /// <summary>The LocalCluster process behind the named cluster (to kill it and start it again).</summary>
    public LocalClusterProcess ClusterProcess(string name) => Mesh.Clusters.Process(name);

    public string OrchestratorDatabase => Mesh.Database("Orchestrator");

    /// <summary>
    /// Starts a killed cluster again and waits until every service reaches it: their channels reconnect on their own
    /// backoff (at most 2 s), and a test that followed at once would see the cluster still down.
    /// </summary>
    public Task StartClusterAgainAsync(string name) =>
        Mesh.Clusters.StartAgainAsync(name, ("the Orchestrator", Orchestrator.CallInvoker), ("Specialization", Specialization.CallInvoker), ("Discovery", Discovery.CallInvoker));

    private ServiceMesh Mesh => _mesh ?? throw new InvalidOperationException("The mesh is not running.");

    public async Task InitializeAsync() =>
        _mesh = await ServiceMesh.StartAsync(ClusterNames, ["Discovery", "Specialization", "Orchestrator"], service => service == "Specialization"
            ? [("Specialization__WatchPollInterval", "250ms"), ("Specialization__CleanupGracePeriod", "1s")]
            : []);

    /// <summary>Starts the Orchestrator (stopping a running one first) on the same stores, with <paramref name="extra"/>.</summary>
    public Task StartOrchestratorAsync(params (string Key, string Value)[] extra) => Mesh.StartAsync("Orchestrator", extra);

    /// <summary>Stops the Orchestrator and starts it again on the same stores.</summary>
    public Task RestartOrchestratorAsync() => StartOrchestratorAsync();

    /// <summary>Kills the Orchestrator with SIGKILL, as a crash would; <see cref="StartOrchestratorAsync"/> brings it back.</summary>
    public void KillOrchestrator() => Orchestrator.Kill();

    public async Task DisposeAsync()
    {
        if (_mesh is not null)
        {
            await _mesh.DisposeAsync();
        }
    }
}
