using System.Text.Json.Nodes;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Domains;

/// <summary>The points an analysis looked at: vectors prepared by <see cref="VectorSpace"/>, with ids and payloads in row order.</summary>
public sealed record AnalysisSample(VectorSet Vectors, IReadOnlyList<string> Ids, IReadOnlyList<JsonObject?> Payloads)
{
    /// <summary>
    /// The domain whose collection ("{library}__{domain}") each row was read from, in row order ("unassigned" for
    /// points no map has classified); null when the rows came from elsewhere (inline vectors) or a row's origin is
    /// unknown. <see cref="MappingValidator"/> counts misplaced points from it.
    /// </summary>
    public IReadOnlyList<string?>? StoredDomains { get; init; }
}
