using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Discovery.Domains;

/// <summary>How <see cref="DomainMapBuilder"/> describes domains.</summary>
/// <param name="KeywordFields">Payload keys whose text yields keywords; empty means every string field.</param>
/// <param name="Clusters">Clusters a domain may be proposed for (capacity and region from configuration).</param>
/// <param name="Seed">For the silhouette sample.</param>
/// <param name="SilhouetteSampleSize">Rows the map's silhouette is measured on.</param>
public sealed record DomainBuildOptions(IReadOnlyList<string> KeywordFields, IReadOnlyList<ClusterOptions> Clusters, ulong Seed, int SilhouetteSampleSize = 2000);
