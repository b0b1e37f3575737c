using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api;

/// <summary>
/// Turns every failure into Qdrant's error body with the right status: rejected input (4xx) is answered, never
/// crashes the node, and is not logged as an error; anything unexpected is a logged 500.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        RequestTiming.Start(context);
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, message) = Describe(e);
            if (status >= StatusCodes.Status500InternalServerError)
            {
                ApiLog.Unexpected(logger, context.Request.Method, context.Request.Path, e);
            }

            context.Response.Clear();
            await QdrantResult.Error(status, message).ExecuteAsync(context);
        }
    }

    private static (int Status, string Message) Describe(Exception e) => e switch
    {
        ApiException api => (api.StatusCode, api.Message),
        StorageException storage => StorageErrors.Describe(storage),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            (bad.StatusCode, $"Payload too large: the request body exceeds the limit set by --max-body-mb ({bad.Message})"),
        BadHttpRequestException bad => (bad.StatusCode, $"Bad request: {bad.Message}"),
        JsonException json => (StatusCodes.Status400BadRequest, $"Format error in JSON body: {json.Message}"),
        _ => (StatusCodes.Status500InternalServerError, $"Service internal error: {e.Message}"),
    };
}
