using CloudNative.CloudEvents;
using Google.Protobuf;

namespace MultiCluster.Messaging;

/// <summary>Publishes events to topics, whatever the transport. Each publish is one producer span ("&lt;topic&gt; publish").</summary>
public interface IEventPublisher
{
    /// <summary>Wraps the message in a new CloudEvent from this service and publishes it; returns the envelope sent.</summary>
    Task<CloudEvent> PublishAsync(string topic, IMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes an envelope as it is (id, source, time kept): the outbox relay republishes stored events through this,
    /// so a retry carries the same id and consumers drop the duplicate. The span's parent is the envelope's
    /// traceparent when it has one, else <see cref="System.Diagnostics.Activity.Current"/>; the envelope then carries the
    /// publish span's own trace context (it is updated in place), which its consumers' spans hang off.
    /// </summary>
    Task PublishAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken = default);
}
