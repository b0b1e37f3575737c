using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests;

/// <summary>
/// The four service hosts with what they depend on, started once for the tests that share them: a private
/// PostgreSQL (one database per service), a private Redis, and one running local cluster. Of the three configured
/// clusters, local-a is that running node; local-b and local-c point at ports nothing listens on, so they are down
/// whatever else runs on this machine.
/// </summary>
public sealed class MeshFixture : IAsyncLifetime
{
    public static readonly string[] ServiceNames = ["Orchestrator", "Discovery", "Specialization", "Rebalancer"];

    /// <summary>The services that keep state in a PostgreSQL database of their own.</summary>
    public static readonly string[] ServicesWithDatabase = ["Orchestrator", "Discovery", "Specialization", "Rebalancer"];

    private readonly string _clusterData = Path.Combine(Path.GetTempPath(), "mesh-cluster-" + Guid.NewGuid().ToString("N"));
    private PeerProcess? _cluster;

    public Dictionary<string, ServiceHost> Hosts { get; } = [];

    public Uri ClusterAddress { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The database of each service with one, as its connection string.</summary>
    public Dictionary<string, string> Databases { get; } = [];

    /// <summary>The cluster settings every host of the mesh runs with, for tests that start a host of their own.</summary>
    public (string Key, string Value)[] ClusterSettings { get; private set; } = [];

    /// <summary>The gRPC port of each host, chosen before any starts so that each knows where the others are.</summary>
    public Dictionary<string, int> GrpcPorts { get; } = ServiceNames.ToDictionary(name => name, _ => FreePort.Next());

    /// <summary>Cluster, Redis and messaging settings: what a host needs besides its database.</summary>
    public (string Key, string Value)[] CommonSettings =>
    [
        .. ClusterSettings,
        ("Redis__ConnectionString", Redis.ConnectionString),

        // The hosts' own appsettings.json name run.sh's fixed ports; here every service is at its free port.
        .. GrpcPorts.Select(p => ($"Messaging__Services__{p.Key.ToLowerInvariant()}", $"http://127.0.0.1:{p.Value}")),
    ];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_clusterData);
        var localCluster = RepositoryBuild.Output(Path.Combine("tools", "LocalCluster"), "LocalCluster");
        // Qdrant's layout (gRPC on the REST port + 1), so SetClusterConfig, which carries the REST URL alone, finds it.
        var ports = FreePort.NextPair();
        _cluster = PeerProcess.Start("dotnet", Path.GetDirectoryName(localCluster)!, new Dictionary<string, string>(), localCluster, "--port", $"{ports.Port}", "--grpc-port", $"{ports.Next}", "--data", _clusterData);
        (Postgres, Redis) = (await PostgresServer.SharedAsync(), await RedisServer.StartAsync());
        var (port, grpcPort) = LocalClusterPorts.Parse(await _cluster.WaitForLineAsync("listening "));
        ClusterAddress = new Uri($"http://127.0.0.1:{port}");
        ClusterSettings =
        [
            ("CLUSTERS__LOCAL_A__URL", ClusterAddress.ToString()),
            ("CLUSTERS__LOCAL_A__GRPC_URL", $"http://127.0.0.1:{grpcPort}"),
            ("CLUSTERS__LOCAL_B__URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("CLUSTERS__LOCAL_B__GRPC_URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("CLUSTERS__LOCAL_C__URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("CLUSTERS__LOCAL_C__GRPC_URL", $"http://127.0.0.1:{FreePort.Next()}"),
        ];
        foreach (var name in ServicesWithDatabase)
        {
            Databases[name] = await Postgres.CreateDatabaseAsync(name.ToLowerInvariant());
        }

        foreach (var host in await Task.WhenAll(ServiceNames.Select(name => ServiceHost.StartAsync(name, GrpcPorts[name], SettingsFor(name)))))
        {
            Hosts[host.Name] = host;
        }
    }

    /// <summary>Everything <paramref name="service"/> runs with in this mesh.</summary>
    public (string Key, string Value)[] SettingsFor(string service) =>
        Databases.TryGetValue(service, out var database) ? [.. CommonSettings, ("Postgres__ConnectionString", database)] : CommonSettings;

    public async Task DisposeAsync()
    {
        foreach (var host in Hosts.Values)
        {
            await host.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await Redis.DisposeAsync();
        Directory.Delete(_clusterData, recursive: true);
    }
}
