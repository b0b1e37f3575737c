namespace MultiCluster.Specialization.Migrating;

/// <summary>What a migration job does (the "kind" column of the migrations table).</summary>
public enum MigrationKind
{
    /// <summary>Copies one domain's collection from a source cluster to a target cluster, then flips routing.</summary>
    Move = 1,

    /// <summary>Moves the points of "{library}__unassigned" into their domains' collections, each to its nearest centroid of the map.</summary>
    Split = 2,

    /// <summary>
    /// Copies one domain from its primary to a cluster that becomes a replica: written from the start of the copy,
    /// read only once the copy is verified; the primary stays primary.
    /// </summary>
    AddReplica = 3,

    /// <summary>
    /// Drops a replica: the cluster leaves the routing entry at once, its collection is dropped after the cleanup grace
    /// period. Never the primary, never the last copy.
    /// </summary>
    DropReplica = 4,
}
