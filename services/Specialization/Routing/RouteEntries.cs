using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Routing;

/// <summary>
/// The routing rows of the placement lifecycle, as pure functions. While a move runs the row reads from and writes to
/// both places, so no result disappears and no write is lost mid-move; after the flip only the target (and the replicas)
/// remain.
/// </summary>
public static class RouteEntries
{
    /// <summary>A placed domain: read and written on its primary and replicas.</summary>
    public static RouteEntry Placed(string library, string domainId, string primary, IEnumerable<string> replicas)
    {
        var entry = new RouteEntry { DomainId = domainId, CollectionName = LibraryName.Collection(library, domainId), Primary = Ref(primary) };
        foreach (var name in new[] { primary }.Concat(replicas).Distinct(StringComparer.Ordinal))
        {
            entry.ReadClusters.Add(Ref(name));
            entry.WriteClusters.Add(Ref(name));
        }

        return entry;
    }

    /// <summary>A move starts: the target joins the writes (so nothing written meanwhile is missed) and the reads.</summary>
    public static RouteEntry BeginMove(RouteEntry entry, string target) => Joined(entry, target, read: true, migrating: true);

    /// <summary>
    /// A replica's copy starts: the new cluster joins the writes only, so nothing written during the copy is missing from
    /// it, and no reader is sent to a copy not yet verified.
    /// </summary>
    public static RouteEntry BeginCopy(RouteEntry entry, string target) => Joined(entry, target, read: false, migrating: true);

    /// <summary>The replica's copy verified: it joins the reads; the primary stays.</summary>
    public static RouteEntry CompleteCopy(RouteEntry entry, string target) => Joined(entry, target, read: true, migrating: false);

    /// <summary>
    /// <paramref name="replica"/> made primary: it is read and written already, so only the role changes; the old
    /// primary stays a replica (a plan that does not keep it drops it afterwards). Null when the cluster is not a
    /// readable and written copy of the entry, or the entry is mid-move, or it is the primary already.
    /// </summary>
    public static RouteEntry? Promote(RouteEntry entry, string replica)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Migrating || entry.Primary?.Name == replica
            || !entry.ReadClusters.Any(c => c.Name == replica) || !entry.WriteClusters.Any(c => c.Name == replica))
        {
            return null;
        }

        var promoted = entry.Clone();
        promoted.Primary = Ref(replica);
        return promoted;
    }

    /// <summary>
    /// Why <paramref name="replica"/> may not leave the entry (it is the primary, or the last cluster read), or null
    /// when it may.
    /// </summary>
    public static string? WhyNotDrop(RouteEntry entry, string replica)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Primary?.Name == replica)
        {
            return $"{replica} is the primary of domain {entry.DomainId}; move the primary first";
        }

        return entry.ReadClusters.Any(c => c.Name != replica) ? null : $"{replica} holds the last readable copy of domain {entry.DomainId}";
    }

    /// <summary>A replica dropped: the cluster leaves reads and writes.</summary>
    public static RouteEntry DropReplica(RouteEntry entry, string replica)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var dropped = entry.Clone();
        Remove(dropped.ReadClusters, replica);
        Remove(dropped.WriteClusters, replica);
        return dropped;
    }

    /// <summary>
    /// The move verified: the target takes the source's role (primary when the source was primary) and the source
    /// leaves reads and writes. A move that keeps its source is a replica's copy instead (<see cref="CompleteCopy"/>).
    /// </summary>
    public static RouteEntry CompleteMove(RouteEntry entry, string source, string target)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var moved = entry.Clone();
        if (moved.Primary?.Name == source)
        {
            moved.Primary = Ref(target);
        }

        Remove(moved.ReadClusters, source);
        Remove(moved.WriteClusters, source);
        AddOnce(moved.ReadClusters, target);
        AddOnce(moved.WriteClusters, target);
        moved.Migrating = false;
        return moved;
    }

    /// <summary>The move abandoned: the target leaves reads and writes again unless it held the domain before the move.</summary>
    public static RouteEntry AbortMove(RouteEntry entry, RouteEntry beforeMove, string target)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(beforeMove);
        var back = entry.Clone();
        if (!beforeMove.ReadClusters.Any(c => c.Name == target))
        {
            Remove(back.ReadClusters, target);
        }

        if (!beforeMove.WriteClusters.Any(c => c.Name == target))
        {
            Remove(back.WriteClusters, target);
        }

        back.Migrating = false;
        return back;
    }

    /// <summary>The row of <paramref name="domainId"/> in the table, or null.</summary>
    public static RouteEntry? Find(RoutingTable table, string domainId) => table.Entries.FirstOrDefault(e => e.DomainId == domainId);

    /// <summary>Puts <paramref name="entry"/> in the table, replacing the row of its domain if there is one.</summary>
    public static void Put(RoutingTable table, RouteEntry entry)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(entry);
        var at = table.Entries.ToList().FindIndex(e => e.DomainId == entry.DomainId);
        if (at >= 0)
        {
            table.Entries[at] = entry;
        }
        else
        {
            table.Entries.Add(entry);
        }
    }

    private static ClusterRef Ref(string name) => new() { Name = name };

    /// <summary>The entry with <paramref name="cluster"/> among its writes, and its reads when <paramref name="read"/>.</summary>
    private static RouteEntry Joined(RouteEntry entry, string cluster, bool read, bool migrating)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var joined = entry.Clone();
        AddOnce(joined.WriteClusters, cluster);
        if (read)
        {
            AddOnce(joined.ReadClusters, cluster);
        }

        joined.Migrating = migrating;
        return joined;
    }

    private static void AddOnce(Google.Protobuf.Collections.RepeatedField<ClusterRef> clusters, string name)
    {
        if (!clusters.Any(c => c.Name == name))
        {
            clusters.Add(Ref(name));
        }
    }

    private static void Remove(Google.Protobuf.Collections.RepeatedField<ClusterRef> clusters, string name)
    {
        foreach (var found in clusters.Where(c => c.Name == name).ToList())
        {
            clusters.Remove(found);
        }
    }
}
