using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MultiCluster.Mcctl.Cli;

/// <summary>
/// Presents the API key on every call and turns a failed call's RpcException into a <see cref="ServiceCallException"/>
/// naming the service it went to, so one error line can say which address was tried and which flag changes it.
/// </summary>
internal sealed class TargetInterceptor(ServiceTarget target, string? apiKey) : Interceptor
{
    public const string ApiKeyHeader = "x-api-key";

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, WithKey(context));
        return new AsyncUnaryCall<TResponse>(Tagged(call.ResponseAsync), Tagged(call.ResponseHeadersAsync), call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, WithKey(context));
        return new AsyncServerStreamingCall<TResponse>(
            new TaggedReader<TResponse>(call.ResponseStream, this), Tagged(call.ResponseHeadersAsync), call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(WithKey(context));
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            call.RequestStream, Tagged(call.ResponseAsync), Tagged(call.ResponseHeadersAsync), call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private ClientInterceptorContext<TRequest, TResponse> WithKey<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return context;
        }

        var headers = context.Options.Headers ?? [];
        headers.Add(ApiKeyHeader, apiKey);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }

    private async Task<T> Tagged<T>(Task<T> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw new ServiceCallException(target, e);
        }
    }

    private sealed class TaggedReader<T>(IAsyncStreamReader<T> inner, TargetInterceptor owner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public Task<bool> MoveNext(CancellationToken cancellationToken) => owner.Tagged(inner.MoveNext(cancellationToken));
    }
}
