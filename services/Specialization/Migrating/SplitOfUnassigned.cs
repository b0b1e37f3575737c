namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Whether migrations of kind <see cref="MigrationKind.Split"/> (the points of "unassigned" into their domains) can run.
/// They cannot yet: the coordinator refuses them, so specializations do not queue one and the points stay in
/// "unassigned", which the routing table keeps routing (read and written on the default cluster).
/// </summary>
public static class SplitOfUnassigned
{
    public const bool Built = false;
}
