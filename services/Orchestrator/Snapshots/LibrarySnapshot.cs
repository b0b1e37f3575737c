using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Snapshots;

/// <summary>
/// What the Orchestrator routes one library by: the library itself (dimension, distance), its routing table from
/// Specialization (null before any placement: every point lives in "unassigned" on the default cluster) and the
/// domain map the table follows, with centroids, from Discovery (null before any discovery, or when Discovery has not
/// answered yet). Immutable: a refresh replaces the whole snapshot, so a request sees one consistent version.
/// </summary>
public sealed record LibrarySnapshot(Library Library, RoutingTable? Table, DomainMap? Map)
{
    public ulong RoutingVersion => Table?.Version ?? 0;

    public ulong MapVersion => Map?.Version ?? 0;

    /// <summary>True when points are routed by domain; false while everything goes to "unassigned".</summary>
    public bool IsRouted => Table is { Entries.Count: > 0 } && Map is { Domains.Count: > 0 };

    /// <summary>
    /// Whether the table was last changed before the library was created: it is a dropped library's of the same name,
    /// which Specialization has not forgotten yet ("library.dropped" is asynchronous), and must not route this one.
    /// </summary>
    public static bool Predates(RoutingTable? table, Library library) =>
        table?.UpdatedAt is { } updated && library.CreatedAt is { } created && updated < created;
}
