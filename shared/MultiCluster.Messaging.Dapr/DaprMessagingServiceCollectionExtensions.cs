using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiCluster.Messaging.Dapr.Publishing;
using MultiCluster.Messaging.Dapr.Subscriptions;
using MultiCluster.Messaging.Transport;
using SidecarClient = Dapr.Client.DaprClient;

namespace MultiCluster.Messaging.Dapr;

/// <summary>Registers the messaging port over the dapr transport, or over whichever transport Messaging:Transport names.</summary>
public static class DaprMessagingServiceCollectionExtensions
{
    /// <summary>
    /// The one call a host makes: Messaging:Transport "dapr" adds <see cref="AddDaprMessaging"/>, anything else goes to
    /// the port's <c>AddMessaging(configuration)</c> (the local transport, or its error for an unknown name).
    /// </summary>
    public static IServiceCollection AddConfiguredMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var transport = configuration[$"{MessagingOptions.Section}:{nameof(MessagingOptions.Transport)}"];
        return transport == MessagingTransports.Dapr ? services.AddDaprMessaging(configuration) : services.AddMessaging(configuration);
    }

    /// <summary>
    /// The messaging port ("Messaging" section) over the Dapr sidecar ("Messaging:Dapr" section and Dapr's environment
    /// variables). The host also maps the app callback: <c>app.MapDaprAppCallback()</c>.
    /// </summary>
    public static IServiceCollection AddDaprMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        services.AddMessaging(options with { Transport = MessagingTransports.Dapr });
        return services.AddDaprTransport(DaprEnvironment.ReadOptions(configuration));
    }

    /// <summary>The dapr transport alone, after the port's <c>AddMessaging(MessagingOptions)</c>.</summary>
    public static IServiceCollection AddDaprTransport(this IServiceCollection services, DaprOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DaprOptionsValidation.ThrowIfInvalid(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => Sidecar(options));
        services.TryAddSingleton<IEventTransport, DaprPubSubTransport>();

        // A durable deduplicator registered before this call (shared by every instance of the service) wins.
        services.TryAddSingleton<IEventDeduplicator, InMemoryEventDeduplicator>();
        services.TryAddSingleton<TopicEventSettlement>();
        services.TryAddSingleton<DaprAppCallbackMapping>();
        services.AddHostedService<DaprStartupCheck>();
        return services;
    }

    // Dapr.Client's client of the sidecar's gRPC API, carrying DAPR_API_TOKEN as dapr-api-token on every call.
    private static SidecarClient Sidecar(DaprOptions options)
    {
        var builder = new global::Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(options.SidecarAddress.AbsoluteUri);
        if (options.ApiToken is { } token)
        {
            builder.UseDaprApiToken(token);
        }

        return builder.Build();
    }
}
