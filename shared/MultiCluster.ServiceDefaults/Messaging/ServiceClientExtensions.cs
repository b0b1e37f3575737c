using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging;
using MultiCluster.Messaging.Dapr.Invocation;
using MultiCluster.Messaging.Invocation;
using MultiCluster.ServiceDefaults.Auth;

namespace MultiCluster.ServiceDefaults;

/// <summary>Clients of the other services, through Grpc.Net.ClientFactory, over the transport Messaging:Transport names.</summary>
public static class ServiceClientExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> (a generated client, e.g. DiscoveryService.DiscoveryServiceClient) for
    /// the service <paramref name="appId"/>: locally straight at Messaging:Services:&lt;app id&gt;, under Dapr to the
    /// sidecar with dapr-app-id. Every call carries Auth:OutgoingKey, and a call made while handling a gRPC call
    /// inherits its deadline and cancellation. Inject <typeparamref name="TClient"/> where it is needed; the host calls
    /// AddServiceMessaging too.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this WebApplicationBuilder builder, string appId)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        var client = builder.Services.AddGrpcClient<TClient>();
        var transport = builder.Configuration[$"{MessagingOptions.Section}:{nameof(MessagingOptions.Transport)}"];
        client = transport == MessagingTransports.Dapr ? client.ThroughDaprSidecar(appId) : client.ToLocalService(appId);

        // Outside a gRPC call (a background job, an event handler) there is nothing to inherit, and that is no error.
        return client
            .AddInterceptor(services => new OutgoingKeyInterceptor(services.GetRequiredService<AuthOptions>()))
            .EnableCallContextPropagation(propagation => propagation.SuppressContextNotFoundErrors = true);
    }
}
