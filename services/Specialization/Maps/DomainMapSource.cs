using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Maps;

/// <summary>
/// Domain maps as Specialization knows them: stored from "domains.discovered" (table domain_maps), and fetched from
/// Discovery (GetDomainMap) when a version asked for is not stored yet.
/// </summary>
public sealed class DomainMapSource
{
    /// <summary>The map at <paramref name="version"/> (0: the latest published); null when Discovery has none.</summary>
    public Task<DomainMap?> GetAsync(string library, ulong version, CancellationToken cancellationToken) => throw new NotImplementedException();
}
