using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Replicas;

/// <summary>Collections "{library}__*" that no route of the library's current table names and no migration uses.</summary>
public static class OrphanFinder
{
    public static IEnumerable<(string Cluster, string Collection)> Find(string library, RoutingTable? table, ClusterCollections collections, CollectionsInUse inUse)
    {
        ArgumentNullException.ThrowIfNull(collections);
        ArgumentNullException.ThrowIfNull(inUse);
        var routed = new HashSet<(string, string)>();
        foreach (var entry in table?.Entries ?? [])
        {
            var collection = CollectionOf(library, entry);
            foreach (var cluster in entry.ReadClusters.Concat(entry.WriteClusters).Append(entry.Primary).OfType<ClusterRef>())
            {
                routed.Add((cluster.Name, collection));
            }
        }

        // Before any discovery the Orchestrator writes new points to "{library}__unassigned" on the default cluster,
        // whether or not a routing table names it yet: that copy is never an orphan.
        routed.Add((collections.Snapshot.DefaultClusterName, LibraryName.Collection(library, LibraryName.Unassigned)));
        foreach (var (cluster, names) in collections.Listed)
        {
            foreach (var collection in names.Where(n => ClusterCollections.InLibrary(n, library)).Order(StringComparer.Ordinal))
            {
                if (!routed.Contains((cluster, collection)) && !inUse.Uses(library, cluster, collection))
                {
                    yield return (cluster, collection);
                }
            }
        }
    }

    /// <summary>The collection a route entry names (its domain's when the entry leaves it empty).</summary>
    public static string CollectionOf(string library, RouteEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.CollectionName.Length > 0 ? entry.CollectionName : LibraryName.Collection(library, entry.DomainId);
    }
}
