using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Local;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Messaging.Transport;
using MultiCluster.Storage.Redis;

namespace MultiCluster.Messaging;

/// <summary>Registers the messaging port and the transport Messaging:Transport names.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IEventPublisher"/> and <see cref="IEventSubscriber"/> from the
    /// "Messaging" section, over the transport it names ("local": Redis from the "Redis" section, delivery settings
    /// from "Messaging:Redis").
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        services.AddMessaging(options);
        switch (options.Transport)
        {
            case MessagingTransports.Local:
                services.AddRedis(configuration);
                services.AddLocalTransport(configuration.GetSection(RedisStreamsOptions.Section).Get<RedisStreamsOptions>() ?? new RedisStreamsOptions());
                return services;
            case MessagingTransports.Dapr:
                throw new InvalidOperationException(
                    $"{MessagingOptions.Section}:Transport 'dapr' is registered by AddConfiguredMessaging (MultiCluster.Messaging.Dapr), which hosts call instead of this method.");
            default:
                throw new InvalidOperationException(
                    $"{MessagingOptions.Section}:Transport is '{options.Transport}': use '{MessagingTransports.Local}' or '{MessagingTransports.Dapr}'.");
        }
    }

    /// <summary>The transport-independent part: envelopes, publisher, subscriptions, dispatch. A transport is added next.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CloudEventFactory>();
        services.TryAddSingleton<SubscriptionRegistry>();
        services.TryAddSingleton<IEventSubscriber>(provider => provider.GetRequiredService<SubscriptionRegistry>());
        services.TryAddSingleton<EventDispatcher>();
        services.TryAddSingleton<IEventPublisher, EventPublisher>();
        return services;
    }

    /// <summary>The local transport's events: Redis Streams (needs <c>AddRedis</c>). Clients reach services with <c>ToLocalService</c>.</summary>
    public static IServiceCollection AddLocalTransport(this IServiceCollection services, RedisStreamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IEventTransport, RedisStreamTransport>();
        services.TryAddSingleton<IEventDeduplicator, RedisEventDeduplicator>();
        services.AddHostedService<RedisStreamSubscriptionService>();
        return services;
    }

    /// <summary>
    /// Keeps processed event ids in Redis (needs <c>AddRedis</c>), shared by every instance of the service, so an event
    /// redelivered to another instance is still handled once. The local transport uses it anyway; under Dapr, call
    /// this before the transport, whose own default only remembers ids within one process.
    /// </summary>
    public static IServiceCollection AddRedisEventDeduplication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(configuration.GetSection(RedisStreamsOptions.Section).Get<RedisStreamsOptions>() ?? new RedisStreamsOptions());
        services.TryAddSingleton<IEventDeduplicator, RedisEventDeduplicator>();
        return services;
    }

    /// <summary>Handles <paramref name="topic"/> with <typeparamref name="THandler"/>, resolved from a new scope per event.</summary>
    public static IServiceCollection AddEventHandler<THandler>(this IServiceCollection services, string topic)
        where THandler : class, IEventHandler
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        services.TryAddScoped<THandler>();
        services.AddSingleton(new EventSubscription(topic, typeof(THandler)));
        return services;
    }

    /// <summary>
    /// The transactional outbox: <see cref="OutboxWriter"/> and the <see cref="OutboxRelay"/> that publishes committed
    /// rows. Needs the service database (<c>AddPostgresStorage</c>, whose storage module creates the table).
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, OutboxOptions? options = null)
    {
        services.TryAddSingleton(options ?? new OutboxOptions());
        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton<OutboxRelay>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<OutboxRelay>());
        return services;
    }

    private static void ThrowIfInvalid(MessagingOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var problems = results.Select(r => $"{MessagingOptions.Section}:{string.Join(",", r.MemberNames)} {r.ErrorMessage}");
            throw new InvalidOperationException("Invalid messaging configuration: " + string.Join("; ", problems));
        }
    }
}
