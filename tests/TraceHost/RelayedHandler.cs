using CloudNative.CloudEvents;
using MultiCluster.Messaging;

namespace TraceHost;

/// <summary>Handles a Relayed event; its consumer span, exported once it is handled, is what the tests wait for.</summary>
public sealed partial class RelayedHandler(ILogger<RelayedHandler> logger) : IEventHandler
{
    public Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        LogHandled(logger, cloudEvent.Id, cloudEvent.Source);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Handled Relayed event {EventId} from {Source}")]
    private static partial void LogHandled(ILogger logger, string? eventId, Uri? source);
}
