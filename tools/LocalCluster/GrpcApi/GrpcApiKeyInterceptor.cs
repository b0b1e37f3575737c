using Grpc.Core;
using Grpc.Core.Interceptors;
using MultiCluster.LocalCluster.Api;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>
/// The REST API's key check (<see cref="ApiKeyCheck"/>) on gRPC calls: the key in the <c>api-key</c> metadata (or
/// <c>authorization: Bearer</c>), health checks exempt. Qdrant's gRPC server answers PERMISSION_DENIED with the same
/// messages as its REST 401.
/// </summary>
public sealed class GrpcApiKeyInterceptor(ApiKeyCheck check) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (context.Method != "/qdrant.Qdrant/HealthCheck"
            && check.Problem(context.RequestHeaders.GetValue("api-key"), context.RequestHeaders.GetValue("authorization")) is { } problem)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, problem));
        }

        return continuation(request, context);
    }
}
