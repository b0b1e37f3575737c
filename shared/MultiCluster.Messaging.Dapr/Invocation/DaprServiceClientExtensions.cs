using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.Dapr.Sidecar;

namespace MultiCluster.Messaging.Dapr.Invocation;

/// <summary>
/// Points a Grpc.Net.ClientFactory client at another service through Dapr's gRPC proxying: the call goes to the local
/// sidecar with dapr-app-id metadata, and Dapr forwards it (mTLS, retries, resiliency policies) to an instance of that
/// app, which sees the same method path and messages as a direct call.
/// </summary>
public static class DaprServiceClientExtensions
{
    public static IHttpClientBuilder ThroughDaprSidecar(this IHttpClientBuilder client, string appId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        client.Services.AddOptions<GrpcClientFactoryOptions>(client.Name)
            .Configure<DaprOptions>((factory, dapr) => factory.Address = dapr.SidecarAddress);
        return client.AddInterceptor(services => new SidecarHeadersInterceptor(services.GetRequiredService<DaprOptions>(), appId));
    }
}
