using MultiCluster.Clusters;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// The clusters holding a domain's collection: those its routing entry reads from or writes to; before the library
/// has a routing table, every cluster where "{library}__{domain}" exists. A cluster that does not answer that search
/// is named as unreachable, not taken for one without a copy: when no answering cluster holds the domain, the answer
/// is UNAVAILABLE naming the clusters that did not answer, and NOT_FOUND only when every cluster answered.
/// </summary>
public sealed class DomainCopies(RoutingTableStore routing, IClusterRegistry clusters)
{
    /// <summary>Cluster names in configuration order; NOT_FOUND naming library or domain when there is no copy to find.</summary>
    public async Task<DomainHolders> FindAsync(string library, string domainId, CancellationToken cancellationToken)
    {
        var collection = LibraryName.Collection(library, domainId);
        if (await routing.GetAsync(library, 0, cancellationToken) is { } table)
        {
            var entry = RouteEntries.Find(table, domainId)
                ?? throw SpecializationException.NotFound($"domain_id: library '{library}' routes no domain '{domainId}' (routing v{table.Version}); GetRoutingTable lists its domains.");
            var names = entry.ReadClusters.Concat(entry.WriteClusters).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            return new DomainHolders([.. clusters.Options.Select(o => o.Name).Where(names.Contains)], new Dictionary<string, string>());
        }

        var holding = new List<string>();
        var unreachable = new Dictionary<string, string>(StringComparer.Ordinal);
        var libraryFound = false;
        foreach (var cluster in clusters.All)
        {
            IReadOnlyList<string> names;
            try
            {
                names = await cluster.ListCollectionsAsync(cancellationToken);
            }
            catch (VectorClusterException e)
            {
                unreachable[cluster.Name] = e.Message;
                continue;
            }

            libraryFound |= names.Any(n => LibraryName.TrySplit(n, out var owner, out _) && owner == library);
            if (names.Contains(collection, StringComparer.Ordinal))
            {
                holding.Add(cluster.Name);
            }
        }

        if (holding.Count == 0 && unreachable.Count > 0)
        {
            throw new SpecializationException(FailureKind.Unavailable,
                $"cluster: {string.Join(", ", unreachable.Select(u => $"'{u.Key}' did not answer ({u.Value})"))}, and no cluster that answered holds '{collection}'; " +
                "its copies may be there: retry when the cluster is back (HealthCheckClusters shows it).");
        }

        if (holding.Count == 0)
        {
            throw libraryFound
                ? SpecializationException.NotFound($"domain_id: no cluster holds '{collection}'; the library's domains are its collections '{library}__<domain>'.")
                : SpecializationException.NotFound($"library: '{library}' has no routing table and no collection on any answering cluster; check the name or ingest points first.");
        }

        return new DomainHolders(holding, unreachable);
    }
}
