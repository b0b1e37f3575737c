using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;
using Xunit;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>
/// A real Discovery process with what it depends on: a private database on the shared PostgreSQL, a private Redis,
/// and a running LocalCluster holding the library "fashion" (<see cref="FashionLibrary"/>) and an empty library.
/// The schedule is off (interval 0) so that only the tests start analyses.
/// </summary>
public sealed class DiscoveryHostFixture : IAsyncLifetime, IDisposable
{
    public const string Library = "fashion";
    public const string EmptyLibrary = "empty";

    private readonly string _clusterData = Path.Combine(Path.GetTempPath(), "discovery-e2e-" + Guid.NewGuid().ToString("N"));
    private PeerProcess? _clusterProcess;
    private QdrantCluster? _cluster;
    private RedisServer? _redis;

    public DiscoveryHost Host { get; private set; } = null!;

    public IVectorCluster Cluster => _cluster!;

    public string DatabaseConnectionString { get; private set; } = "";

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public (string Key, string Value)[] Settings { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_clusterData);
        var localCluster = RepositoryBuild.Output(Path.Combine("tools", "LocalCluster"), "LocalCluster");
        var ports = FreePort.NextPair();
        _clusterProcess = PeerProcess.Start("dotnet", Path.GetDirectoryName(localCluster)!, new Dictionary<string, string>(), localCluster,
            "--port", $"{ports.Port}", "--grpc-port", $"{ports.Next}", "--data", _clusterData);
        var postgres = await PostgresServer.SharedAsync();
        _redis = await RedisServer.StartAsync();
        var (port, grpcPort) = LocalClusterPorts.Parse(await _clusterProcess.WaitForLineAsync("listening "));
        _cluster = new QdrantCluster(
            new ClusterOptions { Name = "local-a", Url = new Uri($"http://127.0.0.1:{port}/"), GrpcUrl = new Uri($"http://127.0.0.1:{grpcPort}/") },
            new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(50) });
        await FashionLibrary.WriteAsync(_cluster, Library).Within();
        await _cluster.CreateCollectionAsync(new CollectionSpec($"{EmptyLibrary}__unassigned", FashionLibrary.Dimension, Distance.Euclid)).Within();
        DatabaseConnectionString = await postgres.CreateDatabaseAsync("discovery");
        Redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Settings =
        [
            ("CLUSTERS__LOCAL_A__URL", $"http://127.0.0.1:{port}"),
            ("CLUSTERS__LOCAL_A__GRPC_URL", $"http://127.0.0.1:{grpcPort}"),
            // The other configured clusters point where nothing listens: the catalog must answer without them.
            ("CLUSTERS__LOCAL_B__URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("CLUSTERS__LOCAL_B__GRPC_URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("CLUSTERS__LOCAL_C__URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("CLUSTERS__LOCAL_C__GRPC_URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("Redis__ConnectionString", _redis.ConnectionString),
            ("Postgres__ConnectionString", DatabaseConnectionString),
            ("Discovery__ReanalysisInterval", "0"),
            ("Discovery__WatchPollInterval", "500ms"),
        ];
        Host = await DiscoveryHost.StartAsync(Settings);
    }

    /// <summary>Stops the host and starts it again on the same database (a restart, as after a deployment).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await DiscoveryHost.StartAsync(Settings);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        Redis?.Dispose();
        if (_clusterProcess is not null)
        {
            await _clusterProcess.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (Directory.Exists(_clusterData))
        {
            Directory.Delete(_clusterData, recursive: true);
        }
    }

    public void Dispose() => _cluster?.Dispose();
}
