using CloudNative.CloudEvents;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;

namespace MultiCluster.Orchestrator.Caching;

/// <summary>
/// "migration.progress" of a split of "unassigned" (a move whose domain is "unassigned"): Specialization moves points
/// from "unassigned" into the domains' collections under the same routing version and behind the Orchestrator's back,
/// so no write path bumps their generations. Every such event ends every cached answer of the library: an answer over
/// a domain would miss the points moved into it, and one over "unassigned" would name the collection they left. Other
/// moves need nothing here: reads cover both copies while one runs, and its end is a new routing version.
/// </summary>
public sealed class SplitProgressHandler(ResultCache cache) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var progress = cloudEvent.GetProtobufData(MigrationProgressEvent.Parser);
        if (progress.Migration?.Move is { DomainId: LibraryName.Unassigned } move && LibraryName.IsValid(move.Library))
        {
            await cache.LibraryRewrittenAsync(move.Library);
        }
    }
}
