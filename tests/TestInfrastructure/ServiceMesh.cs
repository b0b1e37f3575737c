namespace MultiCluster.TestInfrastructure;

/// <summary>
/// The whole mesh, or the first part of it, as real processes: one private Redis (events, caches), LocalClusters by
/// name (the first is the default), and the services asked for, started in dependency order (Discovery,
/// Specialization, Orchestrator, Rebalancer), each on a private database of the shared PostgreSQL, each reaching the
/// ones started before it, all calling each other with the admin key every host accepts. The services' end-to-end
/// fixtures, the simulation and the benchmarks start the mesh through this one class, each with its own settings.
/// </summary>
public sealed class ServiceMesh : IAsyncDisposable
{
    /// <summary>The services in the order each needs the ones before it.</summary>
    public static readonly string[] AllServices = ["Discovery", "Specialization", "Orchestrator", "Rebalancer"];

    private readonly Dictionary<string, ServiceHostProcess> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Key, string Value)>> _own = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _databases = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Value)> _common = [];
    private RedisServer? _redis;
    private LocalClusterSet? _clusters;

    private ServiceMesh()
    {
    }

    public LocalClusterSet Clusters => _clusters ?? throw new InvalidOperationException("The clusters are not running.");

    public string RedisConnectionString => _redis?.ConnectionString ?? throw new InvalidOperationException("Redis is not running.");

    /// <summary>
    /// Starts Redis, the clusters and <paramref name="services"/> (names from <see cref="AllServices"/>), each with its
    /// database, Redis, the clusters, the addresses of the services started before it, <paramref name="common"/> (e.g.
    /// a log level) and what <paramref name="settings"/> gives it (e.g. shorter intervals).
    /// </summary>
    public static async Task<ServiceMesh> StartAsync(
        IReadOnlyList<string> clusters,
        IReadOnlyList<string> services,
        Func<string, IEnumerable<(string Key, string Value)>>? settings = null,
        IEnumerable<(string Key, string Value)>? common = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(services);
        var mesh = new ServiceMesh();
        try
        {
            var postgres = await PostgresServer.SharedAsync();
            mesh._redis = await RedisServer.StartAsync();
            mesh._clusters = await LocalClusterSet.StartAsync(clusters);
            mesh._common.AddRange(mesh._clusters.Settings);
            mesh._common.Add(("CLUSTERS_DEFAULT", clusters[0]));
            mesh._common.Add(("Auth__OutgoingKey", ServiceHostProcess.ApiKey));
            mesh._common.Add(("Redis__ConnectionString", mesh._redis.ConnectionString));
            mesh._common.AddRange(common ?? []);
            foreach (var service in AllServices.Where(services.Contains))
            {
                var appId = service.ToLowerInvariant();
                mesh._databases[service] = await postgres.CreateDatabaseAsync(appId);
                mesh._own[service] = [("Postgres__ConnectionString", mesh._databases[service]), .. settings?.Invoke(service) ?? []];
                await mesh.StartAsync(service);
                mesh._common.Add(($"Messaging__Services__{appId}", $"http://127.0.0.1:{mesh._hosts[service].GrpcPort}"));
            }

            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>The running host of a service started with the mesh.</summary>
    public ServiceHostProcess Host(string service) =>
        _hosts.TryGetValue(service, out var host) ? host : throw new InvalidOperationException($"{service} is not part of this mesh.");

    /// <summary>What the service's running process wrote so far, or nothing when none runs (for failure messages).</summary>
    public string Log(string service) => _hosts.TryGetValue(service, out var host) ? host.Log : "";

    /// <summary>The connection string of a service's private database (to read or reset what it stored).</summary>
    public string Database(string service) =>
        _databases.TryGetValue(service, out var database) ? database : throw new InvalidOperationException($"{service} is not part of this mesh.");

    /// <summary>
    /// Stops a service (when running) and starts it again on the same database, with <paramref name="extra"/> settings
    /// on top of its own. It comes back on new ports, and the services started after it keep the old address: restart
    /// only a service none of them calls (the Orchestrator, the Rebalancer).
    /// </summary>
    public async Task StartAsync(string service, params (string Key, string Value)[] extra)
    {
        if (_hosts.Remove(service, out var running))
        {
            await running.DisposeAsync();
        }

        _hosts[service] = await ServiceHostProcess.StartAsync(service, _common.Where(s => !IsAddressOf(s.Key, service)).Concat(_own[service]).Concat(extra));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in AllServices.Reverse())
        {
            if (_hosts.Remove(service, out var host))
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

    private static bool IsAddressOf(string key, string service) => key == $"Messaging__Services__{service.ToLowerInvariant()}";
}
