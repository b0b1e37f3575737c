namespace MultiCluster.Messaging;

/// <summary>
/// Subscribes this service to topics. The consumer group is the service name: every instance of a service shares the
/// work, each event is handled by one of them, and every subscribing service gets every event. Delivery is at least
/// once; an event already handled by the group (same source and id) is acknowledged without calling the handler.
/// </summary>
public interface IEventSubscriber
{
    /// <summary>Sets the handler of a topic, one per topic, before the host starts (the Dapr sidecar asks for the list once).</summary>
    void Subscribe(string topic, TopicHandler handler);
}
