using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace MultiCluster.Messaging.Transport;

/// <summary>
/// The topics this service handles and their handlers: DI-registered handler classes plus
/// <see cref="IEventSubscriber.Subscribe"/> calls. A transport reads it once when it starts (<see cref="Freeze"/>);
/// subscribing later is refused, since the Dapr sidecar asks for the list only once.
/// </summary>
public sealed class SubscriptionRegistry : IEventSubscriber
{
    private readonly ConcurrentDictionary<string, TopicHandler> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _frozen;

    public SubscriptionRegistry(IEnumerable<EventSubscription> subscriptions, IServiceScopeFactory scopes)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        foreach (var subscription in subscriptions)
        {
            Subscribe(subscription.Topic, async (cloudEvent, cancellationToken) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = (IEventHandler)scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
                await handler.HandleAsync(cloudEvent, cancellationToken);
            });
        }
    }

    public void Subscribe(string topic, TopicHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            if (_frozen)
            {
                throw new InvalidOperationException($"Cannot subscribe to '{topic}': the transport has started. Subscribe before the host starts.");
            }

            if (!_handlers.TryAdd(topic, handler))
            {
                throw new InvalidOperationException($"Topic '{topic}' already has a handler: a service handles each topic once (one consumer group).");
            }
        }
    }

    /// <summary>The subscribed topics, fixed from now on.</summary>
    public IReadOnlyCollection<string> Freeze()
    {
        lock (_gate)
        {
            _frozen = true;
            return _handlers.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    public TopicHandler? Find(string topic) => _handlers.GetValueOrDefault(topic);
}
