using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MultiCluster.Messaging.Dapr.Sidecar;

/// <summary>
/// Adds fixed metadata (dapr-app-id, dapr-api-token) to every call, and on proxied streaming calls dapr-stream: true.
/// The caller's headers are copied, never changed in place, so a Metadata reused across calls does not collect
/// duplicates; a caller's own value for one of these keys is replaced, since Dapr reads only the first.
/// </summary>
internal sealed class SidecarHeadersInterceptor(IReadOnlyList<KeyValuePair<string, string>> headers, bool proxied) : Interceptor
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context, stream: false));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context, stream: false));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context, stream: proxied));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithHeaders(context, stream: proxied));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithHeaders(context, stream: proxied));

    private ClientInterceptorContext<TRequest, TResponse> WithHeaders<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, bool stream)
        where TRequest : class
        where TResponse : class
    {
        var added = stream ? [.. headers, new(DaprMetadata.Stream, "true")] : headers;
        var merged = new Metadata();
        foreach (var entry in context.Options.Headers ?? Metadata.Empty)
        {
            if (!added.Any(h => string.Equals(h.Key, entry.Key, StringComparison.OrdinalIgnoreCase)))
            {
                merged.Add(entry);
            }
        }

        foreach (var (key, value) in added)
        {
            merged.Add(key, value);
        }

        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(merged));
    }
}
