using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging;
using MultiCluster.Messaging.Dapr;
using MultiCluster.ServiceDefaults.Health;
using MultiCluster.ServiceDefaults.Messaging;
using MultiCluster.Storage.Redis;
using Npgsql;

namespace MultiCluster.ServiceDefaults;

/// <summary>Events and service invocation over the transport Messaging:Transport names, with what it needs.</summary>
public static class ServiceMessagingExtensions
{
    /// <summary>
    /// The messaging port ("Messaging" section; ServiceName defaults to Service:Name) over the local transport (Redis
    /// Streams) or Dapr's sidecar; Redis with a "redis" readiness check whenever Redis is used (always
    /// locally; under Dapr when Redis:ConnectionString is set, which also makes deduplication shared by every
    /// instance); the transactional outbox when the service has a database (AddServiceDatabase first).
    /// </summary>
    public static WebApplicationBuilder AddServiceMessaging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var serviceNameKey = $"{MessagingOptions.Section}:{nameof(MessagingOptions.ServiceName)}";
        if (string.IsNullOrEmpty(configuration[serviceNameKey]))
        {
            configuration.AddInMemoryCollection([new(serviceNameKey, configuration["Service:Name"])]);
        }

        var dapr = configuration[$"{MessagingOptions.Section}:{nameof(MessagingOptions.Transport)}"] == MessagingTransports.Dapr;
        var usesRedis = !dapr || !string.IsNullOrEmpty(configuration[$"{RedisOptions.Section}:{nameof(RedisOptions.ConnectionString)}"]);
        if (usesRedis)
        {
            builder.Services.AddRedis(configuration);
            builder.Services.AddRedisEventDeduplication(configuration);
            builder.Services.AddReadinessCheck<RedisReadinessCheck>("redis");
        }

        builder.Services.AddConfiguredMessaging(configuration);
        if (builder.Services.Any(d => d.ServiceType == typeof(NpgsqlDataSource)))
        {
            builder.Services.AddOutbox();
        }

        return builder;
    }

    /// <summary>Maps Dapr's app callback when the dapr transport is in use; nothing locally.</summary>
    public static WebApplication MapServiceMessaging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<MessagingOptions>().Transport == MessagingTransports.Dapr)
        {
            app.MapDaprAppCallback();
        }

        return app;
    }
}
