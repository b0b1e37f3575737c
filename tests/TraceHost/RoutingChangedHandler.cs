using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;

namespace TraceHost;

/// <summary>Handles the event; its consumer span is what the test waits for.</summary>
public sealed partial class RoutingChangedHandler(ILogger<RoutingChangedHandler> logger) : IEventHandler
{
    public Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        LogHandled(logger, cloudEvent.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Handled routing change {EventId}")]
    private static partial void LogHandled(ILogger logger, string eventId);
}
