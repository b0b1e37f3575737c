using CloudNative.CloudEvents;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Specialization.Placement;

namespace MultiCluster.Specialization.Events;

/// <summary>
/// "library.dropped": cancels the library's migrations and forgets its routing table, placements and plans
/// (<see cref="DroppedLibraries"/>), so a library created again under the name routes to "unassigned" only until its
/// own map is placed. A migration that can no longer be cancelled fails the delivery, and the event comes again.
/// </summary>
public sealed partial class LibraryDroppedHandler(DroppedLibraries dropped, ILogger<LibraryDroppedHandler> logger) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var drop = cloudEvent.GetProtobufData(LibraryDroppedEvent.Parser);
        if (!LibraryName.IsValid(drop.Library) || drop.DroppedAt is null)
        {
            LogIgnored(drop.Library);
            return;
        }

        await dropped.ForgetAsync(drop.Library, drop.DroppedAt.ToDateTimeOffset(), cancellationToken);
    }

    [LoggerMessage(EventId = 482, Level = LogLevel.Warning, Message = "A library.dropped event without a valid library name or drop time was acknowledged and ignored ({Library})")]
    private partial void LogIgnored(string library);
}
