using System.Diagnostics.CodeAnalysis;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters;

/// <summary>
/// One consistent view of the clusters: a run-time change replaces the whole snapshot, never part of one, so a caller
/// that needs several facts together (every cluster and which one is the default) takes one snapshot and reads it.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<string, IVectorCluster> _byName;

    internal ClusterSnapshot(IReadOnlyList<ClusterOptions> options, IReadOnlyList<IVectorCluster> clusters, string defaultClusterName)
    {
        Options = options;
        Clusters = clusters;
        DefaultClusterName = defaultClusterName;
        _byName = clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The configuration of every cluster, in configuration order (API keys stay out of ToString).</summary>
    public IReadOnlyList<ClusterOptions> Options { get; }

    /// <summary>One client per cluster, in the order of <see cref="Options"/>.</summary>
    public IReadOnlyList<IVectorCluster> Clusters { get; }

    /// <summary>Name of the cluster that holds "unassigned" points of new libraries.</summary>
    public string DefaultClusterName { get; }

    /// <summary>The default cluster's client.</summary>
    public IVectorCluster DefaultCluster => _byName[DefaultClusterName];

    /// <summary>Every configured name, in configuration order.</summary>
    public IEnumerable<string> Names => Options.Select(o => o.Name);

    public bool TryGetCluster(string name, [NotNullWhen(true)] out IVectorCluster? cluster) => _byName.TryGetValue(name, out cluster);
}
