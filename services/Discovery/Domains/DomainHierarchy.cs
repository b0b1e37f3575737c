using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Leaf and parent domains of a map. Points are stored in leaf domains only; a parent domain (hierarchical strategies)
/// is a domain of the map in its own right, with a centroid and the aggregate count of its children, so counts, shares
/// and quality gates are taken over the leaves, where each point is counted once.
/// </summary>
internal static class DomainHierarchy
{
    public static HashSet<string> ParentIds(DomainMap map) =>
        map.Domains.Where(d => d.ParentDomainId.Length > 0).Select(d => d.ParentDomainId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Domains no other domain names as parent, in map order.</summary>
    public static List<Domain> Leaves(DomainMap map)
    {
        var parents = ParentIds(map);
        return map.Domains.Where(d => !parents.Contains(d.DomainId)).ToList();
    }
}
