using CloudNative.CloudEvents;
using Microsoft.Extensions.Logging;
using MultiCluster.Messaging.Transport;
using Status = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Turns how handling ended into Dapr's answer. Handled and duplicate: SUCCESS. Handler failed: RETRY, since most
/// failures are transient (a database or peer down) and Dapr then redelivers under its resiliency policy, until the
/// event has failed <see cref="DaprOptions.MaxDeliveries"/> times here: then DROP, which Dapr logs and forwards to the
/// subscription's dead-letter topic, so one poison event cannot block or loop forever (the local transport
/// dead-letters after the same count). Being handled by another delivery right now: RETRY. No handler: DROP.
/// </summary>
internal sealed partial class TopicEventSettlement(DaprOptions options, ILogger<TopicEventSettlement> logger)
{
    private readonly FailureCounter _failures = new(options.MaxTrackedEvents);

    public Status Settle(string topic, CloudEvent cloudEvent, DispatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ArgumentNullException.ThrowIfNull(outcome);
        var key = $"{topic}\n{cloudEvent.Source}\n{cloudEvent.Id}";
        switch (outcome.Status)
        {
            case DispatchStatus.Handled or DispatchStatus.Duplicate:
                _failures.Forget(key);
                return Status.Success;
            case DispatchStatus.InProgressElsewhere:
                return Status.Retry;
            case DispatchStatus.Failed:
                var failures = _failures.Add(key);
                if (failures < options.MaxDeliveries)
                {
                    return Status.Retry;
                }

                _failures.Forget(key);
                LogPoison(logger, topic, cloudEvent.Id, cloudEvent.Type, failures, options.DeadLetterTopic(topic) ?? "none", outcome.Error ?? "");
                return Status.Drop;
            default:
                return Status.Drop;
        }
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Event {EventId} ({EventType}) on {Topic} failed {Failures} times: dropped to dead-letter topic {DeadLetterTopic}. Last error: {Error}")]
    private static partial void LogPoison(ILogger logger, string topic, string? eventId, string? eventType, int failures, string deadLetterTopic, string error);
}
