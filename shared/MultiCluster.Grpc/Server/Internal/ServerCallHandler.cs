using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Runs one call of one method: checks, deadline, the handler through its interceptors, then the status.</summary>
internal abstract class ServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerCallHandlerFactory factory)
    where TRequest : class
    where TResponse : class
{
    protected Method<TRequest, TResponse> Method { get; } = method;

    public async Task HandleAsync(HttpContext http)
    {
        if (factory.TryRejectRequest(http))
        {
            return;
        }

        var headers = http.Request.Headers;
        using var activity = GrpcDiagnostics.StartServerActivity(Method, headers.TraceParent, headers.TraceState);
        await using var call = new HttpContextServerCallContext(http, Method, factory.Options, factory.Logger);
        try
        {
            call.Initialize();
            await InvokeAsync(call, factory.CreateInterceptors(http));
        }
        catch (Exception ex)
        {
            call.SetStatusFromException(ex);
        }

        await call.EndCallAsync();
        GrpcDiagnostics.SetStatus(activity, call.Status, isServer: true);
        ServerLog.CallEnded(factory.Logger, Method.FullName, call.Status.StatusCode, call.Status.Detail);
    }

    protected abstract Task InvokeAsync(HttpContextServerCallContext call, Interceptor[] interceptors);

    /// <summary>
    /// The handler wrapped in the interceptors, the first one outermost: it runs first and sees the call end last.
    /// </summary>
    protected static THandler Chain<THandler>(THandler handler, Interceptor[] interceptors, Func<Interceptor, THandler, THandler> wrap)
    {
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            handler = wrap(interceptors[i], handler);
        }

        return handler;
    }

    protected async ValueTask<TRequest> ReadSingleRequestAsync(HttpContextServerCallContext call)
    {
        var request = await call.ReadMessageAsync(Method.RequestMarshaller)
            ?? throw new RpcException(new Status(StatusCode.Internal, $"{Method.FullName} takes exactly one request message, but the request ended without one."));
        if (await call.ReadMessageAsync(Method.RequestMarshaller) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"{Method.FullName} takes exactly one request message, but the request carried more."));
        }

        return request;
    }

    protected Task WriteSingleResponseAsync(HttpContextServerCallContext call, TResponse? response) =>
        response is null
            ? throw new RpcException(new Status(StatusCode.Internal, $"Handler of {Method.FullName} returned no response message."))
            : call.WriteMessageAsync(response, Method.ResponseMarshaller, null, flush: false);
}
