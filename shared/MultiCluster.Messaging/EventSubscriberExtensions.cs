using CloudNative.CloudEvents;
using Google.Protobuf;
using MultiCluster.Messaging.CloudEvents;

namespace MultiCluster.Messaging;

/// <summary>Typed subscriptions for protobuf events.</summary>
public static class EventSubscriberExtensions
{
    /// <summary>Subscribes a handler that receives the event's protobuf data already parsed, with its envelope.</summary>
    public static void Subscribe<TMessage>(this IEventSubscriber subscriber, string topic, Func<TMessage, CloudEvent, CancellationToken, Task> handler)
        where TMessage : IMessage<TMessage>, new()
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(handler);
        var parser = new MessageParser<TMessage>(() => new TMessage());
        subscriber.Subscribe(topic, (cloudEvent, cancellationToken) => handler(cloudEvent.GetProtobufData(parser), cloudEvent, cancellationToken));
    }
}
