using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;

namespace MultiCluster.Messaging.Invocation;

/// <summary>Points a Grpc.Net.ClientFactory client straight at another service (the local transport).</summary>
public static class LocalServiceClientExtensions
{
    /// <summary>The client calls the gRPC address configured for <paramref name="appId"/> (Messaging:Services:&lt;app id&gt;).</summary>
    public static IHttpClientBuilder ToLocalService(this IHttpClientBuilder client, string appId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        client.Services.AddOptions<GrpcClientFactoryOptions>(client.Name)
            .Configure<MessagingOptions>((factory, messaging) => factory.Address = Address(messaging, appId));
        return client;
    }

    internal static Uri Address(MessagingOptions options, string appId)
    {
        if (!options.Services.TryGetValue(appId, out var address))
        {
            throw new InvalidOperationException(
                $"No gRPC address for app id '{appId}': set {MessagingOptions.Section}:Services:{appId}, e.g. http://127.0.0.1:5101.");
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"{MessagingOptions.Section}:Services:{appId} is '{address}': use an absolute http:// (h2c) or https:// address, e.g. http://127.0.0.1:5101.");
        }

        return uri;
    }
}
