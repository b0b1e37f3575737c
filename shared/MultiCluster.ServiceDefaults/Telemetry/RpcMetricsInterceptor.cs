using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>Counts and times every call; registered outermost, so refused calls (UNAUTHENTICATED, ...) count too.</summary>
public sealed class RpcMetricsInterceptor(RpcMetrics metrics) : Interceptor
{
    // Each handler hands its arguments over as a value tuple to a static lambda: nothing allocated per call.
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        metrics.Track(context, (request, context, continuation), static s => s.continuation(s.request, s.context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        metrics.Track(context, (requestStream, context, continuation), static s => s.continuation(s.requestStream, s.context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        metrics.Track(context, (request, responseStream, context, continuation), static s => s.continuation(s.request, s.responseStream, s.context));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        metrics.Track(context, (requestStream, responseStream, context, continuation), static s => s.continuation(s.requestStream, s.responseStream, s.context));
}
