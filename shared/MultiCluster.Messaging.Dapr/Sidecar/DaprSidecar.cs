using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace MultiCluster.Messaging.Dapr.Sidecar;

/// <summary>
/// The one channel to the sidecar's gRPC port, shared by publishing and invocation. Every call carries the API token
/// when one is configured; invocation calls also carry the target's app id, which makes the sidecar proxy them (and
/// dapr-stream on streaming calls, see <see cref="DaprMetadata.Stream"/>).
/// </summary>
internal sealed class DaprSidecar(DaprOptions options) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(options.SidecarAddress);

    /// <summary>Calls to the sidecar's own API (no app id) or, with <paramref name="appId"/>, proxied to that app.</summary>
    public CallInvoker CreateCallInvoker(string? appId = null)
    {
        var headers = new List<KeyValuePair<string, string>>(2);
        if (appId is not null)
        {
            headers.Add(new(DaprMetadata.AppId, appId));
        }

        if (options.ApiToken is { } token)
        {
            headers.Add(new(DaprMetadata.ApiToken, token));
        }

        var invoker = _channel.CreateCallInvoker();
        return headers.Count == 0 ? invoker : invoker.Intercept(new SidecarHeadersInterceptor(headers, proxied: appId is not null));
    }

    public void Dispose() => _channel.Dispose();
}
