using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Bench.Migration;

/// <summary>What the benchmark runs on: a private PostgreSQL database and Redis, LocalClusters local-a and local-b, and the Specialization host.</summary>
internal sealed class BenchSetup : IAsyncDisposable
{
    private readonly List<LocalClusterProcess> _processes = [];
    private readonly List<(string, string)> _settings = [];
    private RedisServer? _redis;

    public Dictionary<string, QdrantCluster> Clusters { get; } = new(StringComparer.Ordinal);

    public ServiceHostProcess? Host { get; private set; }

    public string Database { get; private set; } = "";

    public static async Task<BenchSetup> StartAsync()
    {
        var setup = new BenchSetup();
        var postgres = await PostgresServer.SharedAsync();
        setup._redis = await RedisServer.StartAsync();
        foreach (var name in new[] { "local-a", "local-b" })
        {
            var process = await LocalClusterProcess.StartAsync();
            setup._processes.Add(process);
            setup.Clusters[name] = new QdrantCluster(new ClusterOptions { Name = name, Url = process.RestUrl, GrpcUrl = process.GrpcUrl }, new RetryOptions());
            setup._settings.AddRange(process.Settings(name));
        }

        setup.Database = await postgres.CreateDatabaseAsync("specialization");
        setup._settings.Add(("CLUSTERS_DEFAULT", "local-a"));
        setup._settings.Add(("Redis__ConnectionString", setup._redis.ConnectionString));
        setup._settings.Add(("Postgres__ConnectionString", setup.Database));
        setup._settings.Add(("Specialization__CleanupGracePeriod", "1s"));
        setup._settings.Add(("Logging__LogLevel__Default", "Warning"));
        await setup.StartHostAsync();
        return setup;
    }

    public IVectorCluster Cluster(string name) => Clusters[name];

    public async Task StartHostAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        Host = await ServiceHostProcess.StartAsync("Specialization", _settings);
    }

    public void KillHost() => Host?.Kill();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        foreach (var client in Clusters.Values)
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
