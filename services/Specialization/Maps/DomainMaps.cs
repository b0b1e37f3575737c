using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Maps;

/// <summary>Facts about a domain map that placement and the map source need.</summary>
public static class DomainMaps
{
    /// <summary>
    /// True when the map came whole from Discovery: it knows the library's dimension and every domain its centroid.
    /// A map made from "domains.discovered" has neither (the event leaves centroids out to stay small).
    /// </summary>
    public static bool IsWhole(DomainMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Dimension > 0 && map.Domains.All(d => d.Centroid.Count > 0);
    }

    /// <summary>The map an event announces, as far as the event tells it.</summary>
    public static DomainMap FromEvent(DomainsDiscoveredEvent discovered)
    {
        ArgumentNullException.ThrowIfNull(discovered);
        var map = new DomainMap
        {
            Library = discovered.Library,
            Version = discovered.MapVersion,
            PreviousVersion = discovered.PreviousVersion,
            Published = true,
            Strategy = discovered.Strategy,
            TotalPoints = discovered.TotalPoints,
            SilhouetteScore = discovered.SilhouetteScore,
            AnalysisOperationId = discovered.AnalysisOperationId,
        };
        map.Domains.AddRange(discovered.Domains.OrderBy(d => d.DomainId, StringComparer.Ordinal));
        return map;
    }

    /// <summary>
    /// The domains that are stored collections: a domain another one names as its parent only groups its children
    /// (hierarchical maps), and its points live in the children.
    /// </summary>
    public static IReadOnlyList<Domain> Leaves(DomainMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var parents = map.Domains.Select(d => d.ParentDomainId).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
        return map.Domains.Where(d => !parents.Contains(d.DomainId)).ToList();
    }
}
