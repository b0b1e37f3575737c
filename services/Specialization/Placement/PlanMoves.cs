using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// The moves from where domains are to where a plan puts them. Only domains that exist somewhere move: a new domain's
/// collection is created empty and filled by the split of "unassigned". A changed primary is a move from the old primary,
/// which leaves (keep_source would make the target a replica, not the primary); when the plan keeps the old primary as a
/// replica, it gets a new replica's copy back. A new replica is a copy from the domain's primary, read only once verified
/// (keep_source): which cluster that is, is looked up when the copy starts, after the domain's earlier changes of the
/// plan, as a moved primary's old copy is gone by then. A replica made primary needs no move: the plan's application
/// names it primary in routing, and the old primary is a replica from then on. A replica the plan no longer wants is
/// dropped (a move without a target): it leaves routing first and its collection after the cleanup grace period. The
/// current primary is never dropped here: a primary that changes leaves by its move, or by its drop once promoted away.
/// </summary>
internal static class PlanMoves
{
    public static IEnumerable<DomainMove> From(
        string library, IEnumerable<Contracts.V1.Placement> placements, IReadOnlyDictionary<string, CurrentPlacement> current, IReadOnlyDictionary<string, ClusterTally> clusters)
    {
        foreach (var placement in placements.Where(p => p.DomainId != LibraryName.Unassigned))
        {
            if (!current.TryGetValue(placement.DomainId, out var now))
            {
                continue;
            }

            var primary = placement.Primary.Name;
            var replicas = placement.Replicas.Select(r => r.Name).ToList();
            var holders = now.Replicas.Append(now.Primary).ToHashSet(StringComparer.Ordinal);
            var copyFrom = now.Primary;
            var formerReplicas = now.Replicas.ToList();
            if (now.Primary != primary && !holders.Contains(primary))
            {
                yield return Move(library, placement, now.Primary, primary, keepSource: false,
                    $"primary {now.Primary} -> {primary}: {placement.Reason}", clusters);
                holders.Remove(now.Primary);
                holders.Add(primary);
                copyFrom = primary;
            }
            else if (now.Primary != primary)
            {
                // A replica promoted: routing names it primary when the plan is applied (Specializer), no copy needed;
                // the old primary is a replica from then on, dropped below unless the plan keeps it.
                formerReplicas.Add(now.Primary);
                copyFrom = primary;
            }

            foreach (var replica in replicas.Where(r => !holders.Contains(r)))
            {
                yield return Move(library, placement, copyFrom, replica, keepSource: true, $"new replica on {replica} for {placement.DomainId}", clusters);
            }

            var wanted = replicas.Append(primary).ToHashSet(StringComparer.Ordinal);
            foreach (var replica in formerReplicas.Where(r => !wanted.Contains(r)).Order(StringComparer.Ordinal))
            {
                yield return new DomainMove
                {
                    Library = library,
                    DomainId = placement.DomainId,
                    Source = Ref(replica, clusters),
                    PointCount = placement.PointCount,
                    SizeBytes = placement.SizeBytes,
                    Reason = $"replica on {replica} dropped: the plan keeps {placement.DomainId} on {string.Join(", ", wanted.Order(StringComparer.Ordinal))} ({replicas.Count} replicas)",
                };
            }
        }
    }

    private static DomainMove Move(string library, Contracts.V1.Placement placement, string source, string target, bool keepSource, string reason, IReadOnlyDictionary<string, ClusterTally> clusters) => new()
    {
        Library = library,
        DomainId = placement.DomainId,
        Source = Ref(source, clusters),
        Target = Ref(target, clusters),
        PointCount = placement.PointCount,
        SizeBytes = placement.SizeBytes,
        KeepSource = keepSource,
        Reason = reason,
    };

    private static ClusterRef Ref(string name, IReadOnlyDictionary<string, ClusterTally> clusters) =>
        new() { Name = name, Region = clusters.TryGetValue(name, out var tally) ? tally.Cluster.Region : "" };
}
