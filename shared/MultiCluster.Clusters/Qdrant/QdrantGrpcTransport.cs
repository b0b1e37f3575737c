using Grpc.Core;
using MultiCluster.Clusters.Qdrant.Conversions;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// Sends one unary call of Qdrant's gRPC API (through Qdrant.Client's generated stubs) inside the runner's guards.
/// Each attempt carries a deadline of the call's timeout, so the cluster stops working on what we gave up on;
/// Qdrant's status codes become the port's exceptions, and answers the port cannot take become server errors.
/// </summary>
internal sealed class QdrantGrpcTransport(QdrantCallRunner runner, QdrantErrorMapper errors, QdrantResiliencePipelines pipelines, TimeProvider time)
{
    public Task<TResult> CallAsync<TResponse, TResult>(QdrantCall call, Func<CallOptions, AsyncUnaryCall<TResponse>> send, Func<TResponse, TResult> convert, CancellationToken cancellationToken) =>
        runner.RunAsync(call, async token =>
        {
            TResponse response;
            var timeout = pipelines.TimeoutOf(call.Kind);
            var deadline = time.GetUtcNow().UtcDateTime + timeout;
            try
            {
                response = await send(new CallOptions(deadline: deadline, cancellationToken: token));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && token.IsCancellationRequested)
            {
                // Cancelled by the caller or by the attempt timeout: as on the REST path, so the resilience pipeline
                // tells one from the other.
                throw new OperationCanceledException(e.Message, e, token);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded && time.GetUtcNow().UtcDateTime >= deadline)
            {
                // Our own budget ran out (the client's deadline, or the cluster honouring it): the same as an attempt timeout.
                throw errors.TimedOut(call, timeout, e);
            }
            catch (RpcException e)
            {
                throw errors.FromRpc(call, e);
            }

            try
            {
                return convert(response);
            }
            catch (Exception e) when (e is UnexpectedResponseException or OverflowException or FormatException)
            {
                throw errors.UnexpectedResponse(call, e.Message, e);
            }
        }, cancellationToken);
}
