using System.Diagnostics.CodeAnalysis;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters;

/// <summary>
/// Builds one client per configured cluster through a factory (the Qdrant adapter in services, anything in tests)
/// and disposes them with the container. A change swaps in a whole new <see cref="ClusterSnapshot"/>, so readers
/// never lock and never see half a change.
/// </summary>
public sealed class ClusterRegistry : IClusterRegistry, IDisposable
{
    private readonly Func<ClusterOptions, IVectorCluster> _factory;
    private readonly List<IVectorCluster> _retired = [];
    private readonly Lock _writer = new();
    private ClusterSnapshot _current;
    private bool _disposed;

    public ClusterRegistry(VectorClustersOptions options, Func<ClusterOptions, IVectorCluster> factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _current = new ClusterSnapshot(options.Clusters, options.Clusters.Select(factory).ToList(), options.DefaultCluster);
    }

    public ClusterSnapshot Current => Volatile.Read(ref _current);

    public IReadOnlyList<IVectorCluster> All => Current.Clusters;

    public IVectorCluster DefaultCluster => Current.DefaultCluster;

    public IReadOnlyList<ClusterOptions> Options => Current.Options;

    public IVectorCluster GetCluster(string name)
    {
        var snapshot = Current;
        return snapshot.TryGetCluster(name, out var cluster) ? cluster : throw new ClusterNotConfiguredException(name, snapshot.Names);
    }

    public bool TryGetCluster(string name, [NotNullWhen(true)] out IVectorCluster? cluster) => Current.TryGetCluster(name, out cluster);

    /// <summary>
    /// Adds <paramref name="options"/> or replaces the cluster of its name (keeping its place in the order), and names
    /// the default cluster, in one swap.
    /// </summary>
    public void Apply(ClusterOptions options, string defaultCluster)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(defaultCluster);
        lock (_writer)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var snapshot = _current;
            var allOptions = snapshot.Options.ToList();
            var clients = snapshot.Clusters.ToList();
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

                // Calls already under way may still hold the old client (taken from the old snapshot a moment ago);
                // disposing it now would fail them with ObjectDisposedException. It is disposed with the registry.
                // Run-time changes are rare admin actions, so what this keeps is a handful of idle connection pools.
                _retired.Add(clients[index]);
                clients[index] = client;
            }

            Volatile.Write(ref _current, new ClusterSnapshot(allOptions, clients, defaultCluster));
        }
    }

    public void Dispose()
    {
        List<IVectorCluster> clients;
        lock (_writer)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            clients = [.. _current.Clusters, .. _retired];
        }

        foreach (var cluster in clients.OfType<IDisposable>())
        {
            cluster.Dispose();
        }
    }
}
