using CloudNative.CloudEvents;
using MultiCluster.Messaging;

namespace MultiCluster.Orchestrator.Snapshots;

/// <summary>
/// "routing.changed" and "domains.discovered": asks for a snapshot pass at once. The routing watch usually has the
/// change already; the event covers a watch that is down, and a library this replica has not seen yet.
/// </summary>
public sealed class SnapshotNudgeHandler(SnapshotRefresher refresher) : IEventHandler
{
    public Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        refresher.RequestRefresh();
        return Task.CompletedTask;
    }
}
