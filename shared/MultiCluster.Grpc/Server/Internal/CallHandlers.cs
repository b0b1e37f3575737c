using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>A unary call: one request, one response.</summary>
internal sealed class UnaryServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler, ServerCallHandlerFactory factory)
    : ServerCallHandler<TRequest, TResponse>(method, factory)
    where TRequest : class
    where TResponse : class
{
    protected override async Task InvokeAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var request = await ReadSingleRequestAsync(call);
        var next = Chain(handler, interceptors, static (interceptor, inner) => (r, c) => interceptor.UnaryServerHandler(r, c, inner));

        await WriteSingleResponseAsync(call, await next(request, call));
    }
}

/// <summary>A client-streaming call: a stream of requests, one response.</summary>
internal sealed class ClientStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler, ServerCallHandlerFactory factory)
    : ServerCallHandler<TRequest, TResponse>(method, factory)
    where TRequest : class
    where TResponse : class
{
    protected override async Task InvokeAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var next = Chain(handler, interceptors, static (interceptor, inner) => (s, c) => interceptor.ClientStreamingServerHandler(s, c, inner));

        await WriteSingleResponseAsync(call, await next(new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller), call));
    }
}

/// <summary>A server-streaming call: one request, a stream of responses.</summary>
internal sealed class ServerStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler, ServerCallHandlerFactory factory)
    : ServerCallHandler<TRequest, TResponse>(method, factory)
    where TRequest : class
    where TResponse : class
{
    protected override async Task InvokeAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var request = await ReadSingleRequestAsync(call);
        var next = Chain(handler, interceptors, static (interceptor, inner) => (r, w, c) => interceptor.ServerStreamingServerHandler(r, w, c, inner));

        await next(request, new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller), call);
    }
}

/// <summary>A bidirectional-streaming call: both sides stream at once.</summary>
internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler, ServerCallHandlerFactory factory)
    : ServerCallHandler<TRequest, TResponse>(method, factory)
    where TRequest : class
    where TResponse : class
{
    protected override async Task InvokeAsync(HttpContextServerCallContext call, Interceptor[] interceptors)
    {
        var next = Chain(handler, interceptors, static (interceptor, inner) => (s, w, c) => interceptor.DuplexStreamingServerHandler(s, w, c, inner));

        await next(new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller), new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller), call);
    }
}
