using MultiCluster.Clusters;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// The clusters holding a domain's collection: those its routing entry reads from or writes to; before the library
/// has a routing table, every cluster where "{library}__{domain}" exists. Clusters that do not answer are left out
/// of the search by existence (they hold nothing we can change now).
/// </summary>
public sealed class DomainCopies(RoutingTableStore routing, IClusterRegistry clusters)
{
    /// <summary>Cluster names in configuration order; NOT_FOUND naming library or domain when there is no copy to find.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(string library, string domainId, CancellationToken cancellationToken)
    {
        var collection = LibraryName.Collection(library, domainId);
        if (await routing.GetAsync(library, 0, cancellationToken) is { } table)
        {
            var entry = RouteEntries.Find(table, domainId)
                ?? throw SpecializationException.NotFound($"domain_id: library '{library}' routes no domain '{domainId}' (routing v{table.Version}); GetRoutingTable lists its domains.");
            var names = entry.ReadClusters.Concat(entry.WriteClusters).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            return [.. clusters.Options.Select(o => o.Name).Where(names.Contains)];
        }

        var holding = new List<string>();
        var libraryFound = false;
        foreach (var cluster in clusters.All)
        {
            IReadOnlyList<string> names;
            try
            {
                names = await cluster.ListCollectionsAsync(cancellationToken);
            }
            catch (VectorClusterException)
            {
                continue;
            }

            libraryFound |= names.Any(n => LibraryName.TrySplit(n, out var owner, out _) && owner == library);
            if (names.Contains(collection, StringComparer.Ordinal))
            {
                holding.Add(cluster.Name);
            }
        }

        if (holding.Count == 0)
        {
            throw libraryFound
                ? SpecializationException.NotFound($"domain_id: no cluster holds '{collection}'; the library's domains are its collections '{library}__<domain>'.")
                : SpecializationException.NotFound($"library: '{library}' has no routing table and no collection on any answering cluster; check the name or ingest points first.");
        }

        return holding;
    }
}
