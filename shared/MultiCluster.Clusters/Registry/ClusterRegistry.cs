using System.Diagnostics.CodeAnalysis;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters;

/// <summary>
/// Builds one client per configured cluster through a factory (the Qdrant adapter in services, anything in tests)
/// and disposes them with the container. A change swaps in a whole new snapshot, so readers never lock and never see
/// half a change.
/// </summary>
public sealed class ClusterRegistry : IClusterRegistry, IDisposable
{
    private readonly Func<ClusterOptions, IVectorCluster> _factory;
    private readonly List<IVectorCluster> _retired = [];
    private readonly Lock _writer = new();
    private Snapshot _current;

    public ClusterRegistry(VectorClustersOptions options, Func<ClusterOptions, IVectorCluster> factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        var clusters = options.Clusters.Select(factory).ToList();
        _current = new Snapshot(options.Clusters, clusters, clusters.ToDictionary(c => c.Name, StringComparer.Ordinal), options.DefaultCluster);
    }

    public IReadOnlyList<IVectorCluster> All => Volatile.Read(ref _current).Clusters;

    public IVectorCluster DefaultCluster
    {
        get
        {
            var snapshot = Volatile.Read(ref _current);
            return snapshot.ByName[snapshot.DefaultName];
        }
    }

    public IReadOnlyList<ClusterOptions> Options => Volatile.Read(ref _current).Options;

    public IVectorCluster GetCluster(string name) =>
        TryGetCluster(name, out var cluster) ? cluster : throw new ClusterNotConfiguredException(name, Volatile.Read(ref _current).ByName.Keys);

    public bool TryGetCluster(string name, [NotNullWhen(true)] out IVectorCluster? cluster) => Volatile.Read(ref _current).ByName.TryGetValue(name, out cluster);

    /// <summary>Adds <paramref name="options"/> or replaces the cluster of its name, and names the default cluster.</summary>
    public void Apply(ClusterOptions options, string defaultCluster)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_writer)
        {
            var allOptions = _current.Options.ToList();
            var clients = _current.Clusters.ToList();
            if (defaultCluster != options.Name && !allOptions.Exists(o => o.Name == defaultCluster))
            {
                throw new ClusterNotConfiguredException(defaultCluster, allOptions.Select(o => o.Name).Append(options.Name));
            }

            var client = _factory(options);
            var index = allOptions.FindIndex(o => o.Name == options.Name);
            if (index < 0)
            {
                allOptions.Add(options);
                clients.Add(client);
            }
            else
            {
                allOptions[index] = options;

                // Calls already under way still hold the old client: it is disposed with the registry, not now.
                _retired.Add(clients[index]);
                clients[index] = client;
            }

            Volatile.Write(ref _current, new Snapshot(allOptions, clients, clients.ToDictionary(c => c.Name, StringComparer.Ordinal), defaultCluster));
        }
    }

    public void Dispose()
    {
        foreach (var cluster in All.Concat(_retired).OfType<IDisposable>())
        {
            cluster.Dispose();
        }
    }

    private sealed record Snapshot(IReadOnlyList<ClusterOptions> Options, IReadOnlyList<IVectorCluster> Clusters, IReadOnlyDictionary<string, IVectorCluster> ByName, string DefaultName);
}
