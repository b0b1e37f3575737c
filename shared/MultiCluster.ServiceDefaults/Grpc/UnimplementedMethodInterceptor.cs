using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// A method the service has not built answers UNIMPLEMENTED with an empty message (the generated base class's
/// default); this names the method, so a client knows which call is missing rather than guessing. Innermost, so
/// only calls that passed auth reach it.
/// </summary>
public sealed class UnimplementedMethodInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Named(continuation(request, context), context);

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Named(continuation(requestStream, context), context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Named(continuation(request, responseStream, context), context);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Named(continuation(requestStream, responseStream, context), context);

    // Completed calls (nearly all) pass straight through: no await, no allocation.
    private static Task<T> Named<T>(Task<T> call, ServerCallContext context) => call.IsCompletedSuccessfully ? call : AwaitNamed(call, context);

    private static Task Named(Task call, ServerCallContext context) => call.IsCompletedSuccessfully ? call : AwaitNamed(call, context);

    private static async Task<T> AwaitNamed<T>(Task<T> call, ServerCallContext context)
    {
        try
        {
            return await call;
        }
        catch (RpcException e) when (IsUnnamed(e))
        {
            throw NotBuilt(context);
        }
    }

    private static async Task AwaitNamed(Task call, ServerCallContext context)
    {
        try
        {
            await call;
        }
        catch (RpcException e) when (IsUnnamed(e))
        {
            throw NotBuilt(context);
        }
    }

    private static bool IsUnnamed(RpcException e) => e.StatusCode == StatusCode.Unimplemented && string.IsNullOrEmpty(e.Status.Detail);

    private static RpcException NotBuilt(ServerCallContext context) =>
        new(new Status(StatusCode.Unimplemented, $"{context.Method.TrimStart('/')} is not implemented by this service yet."));
}
