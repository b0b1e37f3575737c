namespace MultiCluster.Specialization.Migrating;

/// <summary>What a migration job does (the "kind" column of the migrations table).</summary>
public enum MigrationKind
{
    /// <summary>Copies one domain's collection from a source cluster to a target cluster, then flips routing.</summary>
    Move = 1,

    /// <summary>Moves the points of "{library}__unassigned" into their domains' collections, each to its nearest centroid of the map.</summary>
    Split = 2,
}
