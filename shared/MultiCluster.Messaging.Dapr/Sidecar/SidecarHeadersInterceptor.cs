using MultiCluster.Messaging.Invocation;

namespace MultiCluster.Messaging.Dapr.Sidecar;

/// <summary>
/// What an invocation through the sidecar carries: the target's app id, which makes the sidecar proxy the call, the API
/// token when one is configured, and dapr-stream on streaming calls (see <see cref="DaprMetadata.Stream"/>).
/// </summary>
internal sealed class SidecarHeadersInterceptor : OutgoingHeadersInterceptor
{
    private readonly KeyValuePair<string, string>[] _unary;
    private readonly KeyValuePair<string, string>[] _streaming;

    public SidecarHeadersInterceptor(DaprOptions options, string appId)
    {
        _unary = options.ApiToken is { } token ? [new(DaprMetadata.AppId, appId), new(DaprMetadata.ApiToken, token)] : [new(DaprMetadata.AppId, appId)];
        _streaming = [.. _unary, new(DaprMetadata.Stream, "true")];
    }

    protected override IReadOnlyList<KeyValuePair<string, string>> Headers(bool streaming) => streaming ? _streaming : _unary;
}
