using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MultiCluster.Messaging.Invocation;

/// <summary>
/// Adds fixed metadata to every call a client makes (an API key, Dapr's dapr-app-id, ...). The caller's headers are
/// copied, never changed in place, so a Metadata reused across calls does not collect duplicates; a caller's own
/// value for one of these keys is replaced, since servers and sidecars read only the first.
/// </summary>
public abstract class OutgoingHeadersInterceptor : Interceptor
{
    /// <summary>The entries to add to one call; <paramref name="streaming"/> for server, client and duplex streaming calls.</summary>
    protected abstract IReadOnlyList<KeyValuePair<string, string>> Headers(bool streaming);

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context, streaming: false));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context, streaming: false));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithHeaders(context, streaming: true));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithHeaders(context, streaming: true));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithHeaders(context, streaming: true));

    private ClientInterceptorContext<TRequest, TResponse> WithHeaders<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, bool streaming)
        where TRequest : class
        where TResponse : class
    {
        var added = Headers(streaming);
        if (added.Count == 0)
        {
            return context;
        }

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
