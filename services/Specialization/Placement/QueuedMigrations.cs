using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Migrating;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// The migrations a specialization starts, in order: the plan's moves of the placements it applies, then the split of
/// "unassigned" when it asked for one. Derived from the stored plan and row each time, so a restarted host continues
/// the same list where "started" says.
/// </summary>
public static class QueuedMigrations
{
    public static IReadOnlyList<MigrationStart> For(PlacementPlan plan, SpecializationRow row, string defaultCluster)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(row);
        var starts = plan.Moves
            .Where(m => Touches(plan, m.DomainId, row.ClusterFilter))
            .Select((m, i) => (Move: m, Index: i, Kind: KindOf(plan, m)))
            .Select(m => new MigrationStart(
                row.Library, m.Move.DomainId, SourceOf(m.Move, m.Kind), m.Move.Target?.Name ?? "", m.Move.KeepSource, (uint)Math.Max(0, row.BatchSize),
                RequestId: $"{row.OperationId}#{m.Index}", Reason: m.Move.Reason, SpecializationId: row.OperationId, Kind: m.Kind))
            .ToList();
        if (row.SplitMapVersion > 0)
        {
            starts.Add(new MigrationStart(
                row.Library, LibraryName.Unassigned, defaultCluster, defaultCluster, BatchSize: (uint)Math.Max(0, row.BatchSize),
                RequestId: $"{row.OperationId}#split", Reason: $"points of unassigned into the domains of map v{row.SplitMapVersion}",
                SpecializationId: row.OperationId, Kind: MigrationKind.Split, MapVersion: row.SplitMapVersion));
        }

        return starts;
    }

    /// <summary>
    /// A move without a target drops its source's replica; one that keeps its source adds a replica (the contract's
    /// keep_source: the target becomes a replica); any other changes where the domain's primary is.
    /// </summary>
    public static MigrationKind KindOf(PlacementPlan plan, DomainMove move)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(move);
        if (move.Target is null || move.Target.Name.Length == 0)
        {
            return MigrationKind.DropReplica;
        }

        return move.KeepSource ? MigrationKind.AddReplica : MigrationKind.Move;
    }

    /// <summary>
    /// The cluster a started migration reads. A replica's copy reads the domain's primary as the routing table names it
    /// when the copy starts (null lets the admission look it up): an earlier change of the same plan may have moved the
    /// primary and dropped the copy the plan was made from.
    /// </summary>
    private static string? SourceOf(DomainMove move, MigrationKind kind) => kind == MigrationKind.AddReplica ? null : move.Source?.Name;

    /// <summary>True when the placement of the domain is applied under the filter (primary or a replica on that cluster; every one when empty).</summary>
    public static bool Touches(PlacementPlan plan, string domainId, string clusterFilter)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return clusterFilter.Length == 0 || plan.Placements.Any(p => p.DomainId == domainId && Touches(p, clusterFilter));
    }

    public static bool Touches(Contracts.V1.Placement placement, string clusterFilter)
    {
        ArgumentNullException.ThrowIfNull(placement);
        return clusterFilter.Length == 0 || placement.Primary?.Name == clusterFilter || placement.Replicas.Any(r => r.Name == clusterFilter);
    }
}
