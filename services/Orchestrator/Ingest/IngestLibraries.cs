using MultiCluster.Clusters;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// The routes of a library named by a request, from the snapshot in memory; a library this replica has not seen yet
/// (created through another replica a moment ago) is read once from the catalog before NOT_FOUND is answered.
/// </summary>
public sealed class IngestLibraries(RoutingSnapshots snapshots, SnapshotRefresher refresher, IClusterRegistry registry)
{
    public async Task<LibraryRoutes> RoutesAsync(string library, string field, CancellationToken cancellationToken)
    {
        if (!LibraryName.IsValid(library))
        {
            throw OrchestratorException.Invalid(
                $"{field}: {LibraryName.Quote(library)} is not a library name; use 1 to 63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit, without \"__\".");
        }

        var snapshot = snapshots.Get(library) ?? await refresher.RefreshAsync(library, cancellationToken)
            ?? throw OrchestratorException.NotFound($"{field}: no library {LibraryName.Quote(library)}; create it with CreateLibrary, or list them with ListLibraries.");
        return new LibraryRoutes(snapshot, registry.DefaultCluster.Name);
    }
}
