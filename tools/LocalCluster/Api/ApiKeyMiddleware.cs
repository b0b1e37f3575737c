using Grpc.AspNetCore.Server;

namespace MultiCluster.LocalCluster.Api;

/// <summary>
/// With an API key configured, every REST request must carry it (see <see cref="ApiKeyCheck"/>), except the probes
/// and the version root (Qdrant's own whitelist: /, /healthz, /livez, /readyz). Answers 401 with Qdrant's messages
/// otherwise. gRPC methods pass through: <see cref="GrpcApi.GrpcApiKeyInterceptor"/> checks them and answers in gRPC.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyCheck check)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/" or "/healthz" || path.StartsWith("/livez", StringComparison.Ordinal) || path.StartsWith("/readyz", StringComparison.Ordinal)
            || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null)
        {
            return next(context);
        }

        var headers = context.Request.Headers;
        var problem = check.Problem(headers.TryGetValue("api-key", out var key) && key.Count > 0 ? key.ToString() : null, headers.Authorization.ToString());
        return problem is null ? next(context) : QdrantResult.Error(StatusCodes.Status401Unauthorized, problem).ExecuteAsync(context);
    }
}
