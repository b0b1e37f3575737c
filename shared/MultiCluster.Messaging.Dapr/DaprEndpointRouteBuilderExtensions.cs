using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.Dapr.Subscriptions;

namespace MultiCluster.Messaging.Dapr;

/// <summary>Maps what the Dapr sidecar calls on the app's gRPC port.</summary>
public static class DaprEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps dapr.proto.runtime.v1.AppCallback (ListTopicSubscriptions, OnTopicEvent) and AppCallbackHealthCheck when the
    /// dapr transport is registered; under the local transport it maps nothing, so hosts can call it unconditionally.
    /// </summary>
    public static IEndpointRouteBuilder MapDaprAppCallback(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<DaprAppCallbackMapping>() is not { } mapping)
        {
            return endpoints;
        }

        endpoints.MapGrpcService<DaprAppCallbackService>();
        endpoints.MapGrpcService<DaprAppHealthService>();
        mapping.Mapped = true;
        return endpoints;
    }
}
