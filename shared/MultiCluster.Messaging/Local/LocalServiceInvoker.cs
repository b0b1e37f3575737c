using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;

namespace MultiCluster.Messaging.Local;

/// <summary>Calls another service straight at its configured address (Messaging:Services:&lt;app id&gt;), one channel per app id.</summary>
internal sealed class LocalServiceInvoker(MessagingOptions options) : IServiceInvoker, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    public CallInvoker CreateCallInvoker(string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        return _channels.GetOrAdd(appId, id => new Lazy<GrpcChannel>(() => Open(id))).Value.CreateCallInvoker();
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }
    }

    private GrpcChannel Open(string appId)
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

        return GrpcChannel.ForAddress(uri);
    }
}
