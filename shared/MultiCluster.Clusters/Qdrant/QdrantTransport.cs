using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using MultiCluster.Clusters.Qdrant.Conversions;
using MultiCluster.Clusters.Qdrant.Wire;
using Polly;
using Polly.Timeout;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// Sends one <see cref="QdrantCall"/> through its resilience pipeline and turns every failure into the port's
/// exceptions: HTTP errors by status, network failures as unavailable, attempt timeouts as timeouts, and answers
/// that do not fit Qdrant's documented shapes as server errors. Cancellation by the caller passes through untouched.
/// </summary>
internal sealed class QdrantTransport(HttpClient http, QdrantResiliencePipelines pipelines, QdrantErrorMapper errors, ILogger logger, string cluster)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <summary>Sends the call, reads Qdrant's envelope ({"result": ...}) and converts its result.</summary>
    public Task<TResult> SendAsync<TWire, TResult>(QdrantCall call, JsonTypeInfo<QdrantResponse<TWire>> responseType, Func<TWire, TResult> convert, CancellationToken cancellationToken) =>
        SendForBodyAsync(
            call,
            responseType,
            envelope => envelope.Result is { } result ? convert(result) : throw new UnexpectedResponseException("a successful answer without a result"),
            cancellationToken);

    /// <summary>
    /// Sends the call and converts the whole JSON body (GET / answers without the envelope). Conversions signal
    /// shapes the port cannot take with <see cref="UnexpectedResponseException"/>.
    /// </summary>
    public Task<TResult> SendForBodyAsync<TBody, TResult>(QdrantCall call, JsonTypeInfo<TBody> bodyType, Func<TBody, TResult> convert, CancellationToken cancellationToken) =>
        ExecuteAsync(call, async (response, token) =>
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await errors.FromResponseAsync(call, response, token);
            }

            TBody? body;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(token);
                body = await JsonSerializer.DeserializeAsync(stream, bodyType, token);
            }
            catch (JsonException e)
            {
                throw errors.UnexpectedResponse(call, $"unreadable JSON: {e.Message}", e);
            }

            try
            {
                return body is null ? throw new UnexpectedResponseException("a null body") : convert(body);
            }
            catch (Exception e) when (e is UnexpectedResponseException or OverflowException or JsonException)
            {
                throw errors.UnexpectedResponse(call, e.Message, e);
            }
        }, cancellationToken);

    /// <summary>Sends the call and hands the raw response to <paramref name="read"/>, inside the retry and timeout guards.</summary>
    public async Task<T> ExecuteAsync<T>(QdrantCall call, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(QdrantResiliencePipelines.OperationKey, call.Operation);
        try
        {
            return await pipelines.For(call.Kind).ExecuteAsync(async ctx => await AttemptAsync(call, read, ctx.CancellationToken), context);
        }
        catch (TimeoutRejectedException e)
        {
            var timedOut = errors.TimedOut(call, pipelines.TimeoutOf(call.Kind), e);
            QdrantLog.CallFailed(logger, cluster, call.Operation, timedOut.Message);
            throw timedOut;
        }
        catch (VectorClusterException e)
        {
            QdrantLog.CallFailed(logger, cluster, call.Operation, e.Message);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> AttemptAsync<T>(QdrantCall call, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        // A request message cannot be sent twice, so each attempt builds its own over the same body bytes.
        using var request = new HttpRequestMessage(call.Method, call.Path);
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = JsonContentType;
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await read(response, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw errors.Unreachable(call, e);
        }
        catch (IOException e)
        {
            // The connection dropped while the body was being read.
            throw errors.Unreachable(call, e);
        }
    }
}
