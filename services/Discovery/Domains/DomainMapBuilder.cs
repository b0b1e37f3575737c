using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Domains;

/// <summary>Not built yet (issue #10 in progress).</summary>
public static class DomainMapBuilder
{
    /// <summary>
    /// The domains of a clustering as a map: library, dimension, distance, domains (ids stable against
    /// <paramref name="previous"/>), sampled and total points, unassigned fraction, silhouette. The caller sets
    /// version, previous version, strategy, operation id, creation time and whether it is published.
    /// </summary>
    public static DomainMap Build(LibraryShape library, AnalysisSample sample, ClusteringResult result, DomainMap? previous, DomainBuildOptions options) =>
        throw new NotImplementedException();
}
