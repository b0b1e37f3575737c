using CloudNative.CloudEvents;
using Microsoft.Extensions.Logging;
using MultiCluster.Messaging.Diagnostics;

namespace MultiCluster.Messaging.Transport;

/// <summary>
/// Handles one delivered event the same way for every transport: opens the process span under the event's
/// traceparent, skips events the group already handled, runs the topic's handler, and reports the outcome for the
/// transport to settle (acknowledge, redeliver or dead-letter).
/// </summary>
public sealed partial class EventDispatcher(SubscriptionRegistry registry, IEventDeduplicator deduplicator, MessagingOptions options, ILogger<EventDispatcher> logger)
{
    /// <summary>The consumer group: the service name.</summary>
    public string ConsumerGroup => options.ServiceName;

    /// <summary>Cancellation stops the handler and propagates; the event stays unacknowledged and comes back.</summary>
    public async Task<DispatchOutcome> DispatchAsync(string topic, CloudEvent cloudEvent, string messagingSystem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (registry.Find(topic) is not { } handler)
        {
            LogNoHandler(logger, topic, cloudEvent.Id);
            return DispatchOutcome.NoHandler;
        }

        using var activity = MessagingDiagnostics.StartProcess(topic, cloudEvent, messagingSystem, ConsumerGroup);
        var claim = await deduplicator.TryClaimAsync(ConsumerGroup, cloudEvent);
        if (claim.Status != ClaimStatus.Acquired)
        {
            activity?.SetTag("messaging.multicluster.claim", claim.Status.ToString());
            LogSkipped(logger, topic, cloudEvent.Id, claim.Status);
            return claim.Status == ClaimStatus.AlreadyProcessed ? DispatchOutcome.Duplicate : DispatchOutcome.InProgressElsewhere;
        }

        try
        {
            await handler(cloudEvent, cancellationToken);
        }
        catch (Exception exception)
        {
            MessagingDiagnostics.RecordFailure(activity, exception);
            await deduplicator.ReleaseAsync(claim);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            LogHandlerFailed(logger, exception, topic, cloudEvent.Id, cloudEvent.Type);
            return DispatchOutcome.Failed(exception);
        }

        await deduplicator.CompleteAsync(claim);
        return DispatchOutcome.Handled;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Handler of topic {Topic} failed on event {EventId} ({EventType}); it will be delivered again")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string topic, string? eventId, string? eventType);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Event {EventId} on {Topic} not handled here: {Status}")]
    private static partial void LogSkipped(ILogger logger, string topic, string? eventId, ClaimStatus status);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "No handler for topic {Topic}: event {EventId} dropped")]
    private static partial void LogNoHandler(ILogger logger, string topic, string? eventId);
}
