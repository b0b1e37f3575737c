using System.Diagnostics.CodeAnalysis;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters;

/// <summary>
/// Builds one client per configured cluster through a factory (the Qdrant adapter in services, anything in tests)
/// and disposes them with the container.
/// </summary>
public sealed class ClusterRegistry : IClusterRegistry, IDisposable
{
    private readonly Dictionary<string, IVectorCluster> _byName;

    public ClusterRegistry(VectorClustersOptions options, Func<ClusterOptions, IVectorCluster> factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        Options = options.Clusters;
        All = options.Clusters.Select(factory).ToList();
        _byName = All.ToDictionary(c => c.Name, StringComparer.Ordinal);
        DefaultCluster = GetCluster(options.DefaultCluster);
    }

    public IReadOnlyList<IVectorCluster> All { get; }

    public IVectorCluster DefaultCluster { get; }

    public IReadOnlyList<ClusterOptions> Options { get; }

    public IVectorCluster GetCluster(string name) =>
        TryGetCluster(name, out var cluster) ? cluster : throw new ClusterNotConfiguredException(name, _byName.Keys);

    public bool TryGetCluster(string name, [NotNullWhen(true)] out IVectorCluster? cluster) => _byName.TryGetValue(name, out cluster);

    public void Dispose()
    {
        foreach (var cluster in All.OfType<IDisposable>())
        {
            cluster.Dispose();
        }
    }
}
