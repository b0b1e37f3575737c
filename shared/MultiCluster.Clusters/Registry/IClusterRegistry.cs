using System.Diagnostics.CodeAnalysis;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters;

/// <summary>
/// The configured clusters, by name, one client per cluster. Clusters can change at run time
/// (<see cref="ClusterConfigurationEditor"/>): each property reads one consistent snapshot, so a caller that needs
/// several facts together takes <see cref="Current"/> once and works from it.
/// </summary>
public interface IClusterRegistry
{
    /// <summary>Every cluster, in configuration order.</summary>
    IReadOnlyList<IVectorCluster> All { get; }

    /// <summary>The cluster that holds "unassigned" points of new libraries.</summary>
    IVectorCluster DefaultCluster { get; }

    /// <summary>The configuration of every cluster (API keys stay out of ToString).</summary>
    IReadOnlyList<ClusterOptions> Options { get; }

    /// <summary>Clusters, their configuration and the default, all from the same moment.</summary>
    ClusterSnapshot Current { get; }

    /// <summary>The cluster of that name; <see cref="ClusterNotConfiguredException"/> when none is configured.</summary>
    IVectorCluster GetCluster(string name);

    bool TryGetCluster(string name, [NotNullWhen(true)] out IVectorCluster? cluster);
}
