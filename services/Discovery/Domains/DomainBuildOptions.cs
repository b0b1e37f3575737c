using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Discovery.Domains;

/// <summary>How <see cref="DomainMapBuilder"/> describes domains.</summary>
/// <param name="KeywordFields">Payload keys whose text yields keywords; empty means every string field.</param>
/// <param name="Clusters">Clusters a domain may be proposed for (capacity and region from configuration).</param>
/// <param name="Seed">For the silhouette sample.</param>
/// <param name="SilhouetteSampleSize">Rows the map's silhouette is measured on.</param>
public sealed record DomainBuildOptions(IReadOnlyList<string> KeywordFields, IReadOnlyList<ClusterOptions> Clusters, ulong Seed, int SilhouetteSampleSize = 2000)
{
    /// <summary>The library's drift threshold (library distance): a domain that moved up to twice this keeps its id.</summary>
    public double DriftDistance { get; init; } = ThresholdPolicy.DefaultDriftDistance;

    /// <summary>
    /// Ids of domains in any earlier map of the library (the previous map's are taken from it): fresh ids are issued
    /// above all of them, so a retired id never names a different domain.
    /// </summary>
    public IReadOnlyCollection<string> RetiredDomainIds { get; init; } = [];
}
