namespace MultiCluster.Specialization.Placement;

/// <summary>
/// The clusters as one library's plan sees them, read at one moment: their capacity with the library's own collections
/// left out (the plan places those), the library's collections wherever they are, and its domains' recent query rates.
/// </summary>
public sealed record ClusterInventory(
    IReadOnlyList<ClusterCapacity> Clusters,
    IReadOnlyList<DomainCopy> Collections,
    IReadOnlyDictionary<string, double> DomainQueryRates,
    string DefaultCluster)
{
    public bool Has(string cluster) => Clusters.Any(c => c.Name == cluster);
}
