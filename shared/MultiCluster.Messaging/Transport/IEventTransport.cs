using CloudNative.CloudEvents;

namespace MultiCluster.Messaging.Transport;

/// <summary>
/// What a transport implements to send: put one envelope on a topic, durably, or throw. Receiving is the other half:
/// a transport delivers each event to <see cref="EventDispatcher"/> and settles it by the outcome (acknowledge,
/// redeliver, dead-letter). Local: Redis Streams. Dapr: the sidecar's publish API and OnTopicEvent callback.
/// </summary>
public interface IEventTransport
{
    /// <summary>The messaging.system value of its spans ("redis", "dapr").</summary>
    string MessagingSystem { get; }

    Task SendAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken);
}
