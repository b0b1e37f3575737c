namespace MultiCluster.Specialization.Replicas;

/// <summary>Collections migrations use now (see <see cref="MigrationCollections"/>).</summary>
/// <param name="Copies">(cluster, collection) pairs a job reads or writes.</param>
/// <param name="SplittingLibraries">Libraries whose unassigned points are being split into domains.</param>
public sealed record CollectionsInUse(IReadOnlySet<(string Cluster, string Collection)> Copies, IReadOnlySet<string> SplittingLibraries)
{
    public bool Uses(string library, string cluster, string collection) =>
        SplittingLibraries.Contains(library) || Copies.Contains((cluster, collection));
}
