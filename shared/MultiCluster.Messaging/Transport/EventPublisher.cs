using CloudNative.CloudEvents;
using Google.Protobuf;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Diagnostics;

namespace MultiCluster.Messaging.Transport;

/// <summary>
/// The publisher every transport shares: makes the envelope, opens the publish span, writes the span's context into
/// the envelope's traceparent (so the consumer's span is its child), and hands the envelope to the transport.
/// </summary>
public sealed class EventPublisher(CloudEventFactory factory, IEventTransport transport) : IEventPublisher
{
    public async Task<CloudEvent> PublishAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        var cloudEvent = factory.Create(message);
        await PublishAsync(topic, cloudEvent, cancellationToken);
        return cloudEvent;
    }

    public async Task PublishAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        using var activity = MessagingDiagnostics.StartPublish(topic, cloudEvent, transport.MessagingSystem);
        if (activity is not null)
        {
            cloudEvent.SetTraceContext(activity.Id, activity.TraceStateString);
        }

        try
        {
            await transport.SendAsync(topic, cloudEvent, cancellationToken);
        }
        catch (Exception exception)
        {
            MessagingDiagnostics.RecordFailure(activity, exception);
            throw;
        }
    }
}
