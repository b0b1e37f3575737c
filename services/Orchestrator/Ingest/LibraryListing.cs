using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Libraries;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>ListLibraries: the catalog's page (<see cref="LibraryLifecycle"/>), each library with its approximate point count.</summary>
public sealed class LibraryListing(LibraryLifecycle lifecycle, LibraryPointCounts counts)
{
    public async Task<ListLibrariesResponse> ListAsync(ListLibrariesRequest request, CancellationToken cancellationToken)
    {
        var response = await lifecycle.ListAsync(request, cancellationToken);
        counts.Fill(response.Libraries);
        return response;
    }
}
