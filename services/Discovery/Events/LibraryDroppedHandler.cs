using CloudNative.CloudEvents;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Discovery.Storage;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;

namespace MultiCluster.Discovery.Events;

/// <summary>
/// "library.dropped": stops the library's running analysis, then forgets its domain maps, analyses, settings and
/// load, so a library created again under the name is analysed from nothing instead of inheriting the old map.
/// Idempotent: only state made before the drop is deleted, and deleting it twice deletes nothing more.
/// </summary>
public sealed partial class LibraryDroppedHandler(AnalysisCoordinator coordinator, DiscoveryStore store, ILogger<LibraryDroppedHandler> logger) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var dropped = cloudEvent.GetProtobufData(LibraryDroppedEvent.Parser);
        if (!LibraryName.IsValid(dropped.Library) || dropped.DroppedAt is null)
        {
            LogIgnored(dropped.Library);
            return;
        }

        var droppedAt = dropped.DroppedAt.ToDateTimeOffset();
        await coordinator.CancelStartedBeforeAsync(dropped.Library, droppedAt, cancellationToken);
        var maps = await store.ForgetLibraryAsync(dropped.Library, droppedAt, cancellationToken);
        LogForgotten(dropped.Library, maps);
    }

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Library {Library} was dropped: its {Maps} domain map versions and its analyses, settings and load are forgotten")]
    private partial void LogForgotten(string library, int maps);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "A library.dropped event without a valid library name or drop time was acknowledged and ignored ({Library})")]
    private partial void LogIgnored(string library);
}
