using System.Text.Json;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MultiCluster.LocalCluster.Api;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>
/// Turns the failures the REST API answers with a status into the gRPC status Qdrant's gRPC server sends for the
/// same error (bad input INVALID_ARGUMENT, missing NOT_FOUND, taken ALREADY_EXISTS, failure INTERNAL), with the same
/// message. Anything unexpected is logged and answered INTERNAL.
/// </summary>
public sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled or its deadline passed."));
        }
        catch (Exception e)
        {
            var (status, message) = e switch
            {
                ApiException api => (api.StatusCode, api.Message),
                StorageException storage => StorageErrors.Describe(storage),
                JsonException or FormatException => (StatusCodes.Status400BadRequest, $"Format error in payload: {e.Message}"),
                _ => (StatusCodes.Status500InternalServerError, $"Service internal error: {e.Message}"),
            };
            if (status >= StatusCodes.Status500InternalServerError)
            {
                ApiLog.Unexpected(logger, "gRPC", context.Method, e);
            }

            throw new RpcException(new Status(Code(status), message));
        }
    }

    private static StatusCode Code(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity => StatusCode.InvalidArgument,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
        StatusCodes.Status404NotFound => StatusCode.NotFound,
        StatusCodes.Status409Conflict => StatusCode.AlreadyExists,
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
        StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };
}
