using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// The write and read side of one library's snapshot: the route of a vector (its nearest domain's write clusters,
/// source and target while MOVING; "unassigned" before any routing), and every collection copy reads and deletes must
/// visit. Built per request from one snapshot, so a request never mixes two routing versions.
/// </summary>
public sealed class LibraryRoutes
{
    private readonly LibrarySnapshot _snapshot;
    private readonly Dictionary<string, WriteRoute> _byDomain = new(StringComparer.Ordinal);

    public LibraryRoutes(LibrarySnapshot snapshot, string defaultCluster)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
        var entries = snapshot.Table?.Entries ?? [];
        var unassigned = entries.FirstOrDefault(e => e.DomainId == LibraryName.Unassigned && e.WriteClusters.Count > 0);
        Unassigned = unassigned is null
            ? new WriteRoute(LibraryName.Unassigned, LibraryName.Collection(snapshot.Library.Name, LibraryName.Unassigned), [defaultCluster])
            : ToRoute(unassigned);
        foreach (var entry in entries.Where(e => e.DomainId != LibraryName.Unassigned && e.WriteClusters.Count > 0))
        {
            _byDomain[entry.DomainId] = ToRoute(entry);
        }

        var readable = new List<CollectionCopy>();
        var writable = new List<CollectionCopy>();
        foreach (var entry in entries.Where(e => e.DomainId != LibraryName.Unassigned))
        {
            var collection = Collection(entry);
            readable.AddRange(Ordered(entry, entry.ReadClusters).Select(c => new CollectionCopy(entry.DomainId, collection, c)));
            writable.AddRange(entry.WriteClusters.Concat(entry.ReadClusters).Select(c => c.Name).Distinct(StringComparer.Ordinal)
                .Select(c => new CollectionCopy(entry.DomainId, collection, c)));
        }

        var unassignedReads = unassigned is { ReadClusters.Count: > 0 } ? Ordered(unassigned, unassigned.ReadClusters) : Unassigned.Clusters;
        readable.AddRange(unassignedReads.Select(c => new CollectionCopy(LibraryName.Unassigned, Unassigned.Collection, c)));
        writable.AddRange(Unassigned.Clusters.Concat(unassignedReads).Distinct(StringComparer.Ordinal)
            .Select(c => new CollectionCopy(LibraryName.Unassigned, Unassigned.Collection, c)));
        Readable = readable;
        Writable = writable;
    }

    public Library Library => _snapshot.Library;

    public LibrarySnapshot Snapshot => _snapshot;

    public WriteRoute Unassigned { get; }

    /// <summary>Every collection copy a read looks in: each domain's read clusters (primary first), then "unassigned".</summary>
    public IReadOnlyList<CollectionCopy> Readable { get; }

    /// <summary>Every collection copy that may hold a point of the library (read and write clusters of every domain, and "unassigned").</summary>
    public IReadOnlyList<CollectionCopy> Writable { get; }

    /// <summary>Where a point of this vector goes: its nearest domain by the map's centroids, or "unassigned" when not routed yet.</summary>
    public WriteRoute For(ReadOnlySpan<float> vector)
    {
        if (!_snapshot.IsRouted || CentroidScores.Nearest(_snapshot.Map!, vector) is not { } nearest)
        {
            return Unassigned;
        }

        // A domain of the map the table does not place (yet) keeps its points in "unassigned", where the split finds them.
        return _byDomain.GetValueOrDefault(nearest) ?? Unassigned;
    }

    private WriteRoute ToRoute(RouteEntry entry) =>
        new(entry.DomainId, Collection(entry), Ordered(entry, entry.WriteClusters));

    private string Collection(RouteEntry entry) =>
        entry.CollectionName is { Length: > 0 } name ? name : LibraryName.Collection(_snapshot.Library.Name, entry.DomainId);

    private static List<string> Ordered(RouteEntry entry, IEnumerable<ClusterRef> clusters)
    {
        var names = clusters.Select(c => c.Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (entry.Primary?.Name is { Length: > 0 } primary && names.Remove(primary))
        {
            names.Insert(0, primary);
        }

        return names;
    }
}
