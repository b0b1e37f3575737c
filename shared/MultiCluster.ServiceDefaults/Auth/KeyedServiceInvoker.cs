using Grpc.Core;
using Grpc.Core.Interceptors;
using MultiCluster.Messaging;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>Presents this service's key (Auth:OutgoingKey) on every call it makes to another service.</summary>
public sealed class KeyedServiceInvoker(IServiceInvoker inner, string key) : IServiceInvoker, IDisposable
{
    public CallInvoker CreateCallInvoker(string appId) =>
        inner.CreateCallInvoker(appId).Intercept(metadata =>
        {
            metadata.Add("x-api-key", key);
            return metadata;
        });

    // The container disposes what its factory returned, this wrapper, so the transport's channels go with it.
    public void Dispose() => (inner as IDisposable)?.Dispose();
}
