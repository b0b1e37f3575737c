using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// Makes the detail of every error a handler throws something a person can act on, and small enough to arrive.
/// An empty detail (the generated base classes answer UNIMPLEMENTED with none) is replaced by one naming the method,
/// so a client knows which call is missing rather than guessing. A long one is cut: details echo what the caller sent,
/// a request may carry megabytes of it, and the detail travels in the grpc-message trailer, where one past the
/// client's header limit (64 KiB in grpc-dotnet, less in some proxies) turns a deliberate INVALID_ARGUMENT into a
/// transport error. Innermost, so only calls that passed auth reach it.
/// </summary>
public sealed class ErrorDetailInterceptor : Interceptor
{
    /// <summary>The most characters of detail a caller receives; the cut is said in the detail itself.</summary>
    public const int MaxDetailLength = 1024;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Checked(continuation(request, context), context);

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Checked(continuation(requestStream, context), context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Checked(continuation(request, responseStream, context), context);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Checked(continuation(requestStream, responseStream, context), context);

    // Completed calls (nearly all) pass straight through: no await, no allocation.
    private static Task<T> Checked<T>(Task<T> call, ServerCallContext context) => call.IsCompletedSuccessfully ? call : AwaitChecked(call, context);

    private static Task Checked(Task call, ServerCallContext context) => call.IsCompletedSuccessfully ? call : AwaitChecked(call, context);

    private static async Task<T> AwaitChecked<T>(Task<T> call, ServerCallContext context)
    {
        try
        {
            return await call;
        }
        catch (RpcException e) when (NeedsRewrite(e))
        {
            throw Rewritten(e, context);
        }
    }

    private static async Task AwaitChecked(Task call, ServerCallContext context)
    {
        try
        {
            await call;
        }
        catch (RpcException e) when (NeedsRewrite(e))
        {
            throw Rewritten(e, context);
        }
    }

    private static bool NeedsRewrite(RpcException e) =>
        e.StatusCode != StatusCode.OK && (e.Status.Detail.Length == 0 || e.Status.Detail.Length > MaxDetailLength);

    private static RpcException Rewritten(RpcException e, ServerCallContext context)
    {
        var detail = e.Status.Detail;
        if (detail.Length == 0)
        {
            var method = context.Method.TrimStart('/');
            detail = e.StatusCode == StatusCode.Unimplemented
                ? $"{method} is not implemented by this service yet."
                : $"{method} failed with {e.StatusCode} and no detail; the service's log has the cause.";
            return new RpcException(new Status(e.StatusCode, detail), e.Trailers);
        }

        var kept = ShortText.Cut(detail, MaxDetailLength);
        return new RpcException(new Status(e.StatusCode, $"{kept}… ({detail.Length - kept.Length:N0} more characters cut)"), e.Trailers);
    }
}
