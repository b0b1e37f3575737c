using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// The running LocalClusters of a service test fixture, by name ("local-a", "local-b", "local-c"): each with a client
/// as the services use (QdrantCluster over gRPC) and the settings a service host needs to reach it. Clusters can be
/// killed and started again through <see cref="Process"/>.
/// </summary>
public sealed class LocalClusterSet : IAsyncDisposable
{
    public static readonly string[] DefaultNames = ["local-a", "local-b", "local-c"];

    private readonly List<LocalClusterProcess> _processes = [];
    private readonly Dictionary<string, QdrantCluster> _clients = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Value)> _settings = [];

    private readonly string[] _names;

    private LocalClusterSet(string[] names) => _names = names;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The environment settings that configure every cluster of the set in a service host.</summary>
    public IReadOnlyList<(string Key, string Value)> Settings => _settings;

    public static async Task<LocalClusterSet> StartAsync(IReadOnlyList<string>? names = null)
    {
        var set = new LocalClusterSet([.. names ?? DefaultNames]);
        foreach (var name in set.Names)
        {
            var process = await LocalClusterProcess.StartAsync();
            set._processes.Add(process);
            set._clients[name] = new QdrantCluster(
                new ClusterOptions { Name = name, Url = process.RestUrl, GrpcUrl = process.GrpcUrl },
                new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(50) });
            set._settings.AddRange(process.Settings(name));
        }

        return set;
    }

    /// <summary>A client of the named cluster, as the services use.</summary>
    public IVectorCluster Client(string name) => _clients[name];

    /// <summary>The process behind the named cluster (to kill it and start it again).</summary>
    public LocalClusterProcess Process(string name) => _processes[Array.IndexOf(_names, name)];

    /// <summary>
    /// Starts a killed cluster again and returns once every service in <paramref name="reachedBy"/> reaches it: their
    /// channels reconnect on their own backoff (at most 2 s), and a test that went on at once would see it still down.
    /// </summary>
    public async Task StartAgainAsync(string name, params (string Service, CallInvoker Host)[] reachedBy)
    {
        ArgumentNullException.ThrowIfNull(reachedBy);
        await Process(name).StartAgainAsync().Within();
        foreach (var (service, host) in reachedBy)
        {
            var admin = new V1.ClusterAdminService.ClusterAdminServiceClient(host);
            await Eventually.TrueAsync(
                async () => (await admin.HealthCheckClustersAsync(new V1.HealthCheckClustersRequest { Names = { name } })).Clusters.Single().Status == V1.HealthStatus.Healthy,
                $"{service} to reach {name} again");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
