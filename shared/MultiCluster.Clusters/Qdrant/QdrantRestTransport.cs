using System.Net.Http.Headers;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// The small REST path beside gRPC, for what Qdrant serves only over REST: snapshot recovery from a URL, /readyz
/// and the /metrics memory probe. Sends one call through the runner's guards; network failures become
/// <see cref="ClusterUnavailableException"/>, and a caller that wants error statuses mapped asks the mapper.
/// </summary>
internal sealed class QdrantRestTransport(HttpClient http, QdrantCallRunner runner, QdrantErrorMapper errors)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <summary>Sends the request and hands the raw response to <paramref name="read"/>, inside the retry and timeout guards.</summary>
    public Task<T> SendAsync<T>(QdrantCall call, HttpMethod method, string path, byte[]? body, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        runner.RunAsync(call, async token =>
        {
            // A request message cannot be sent twice, so each attempt builds its own over the same body bytes.
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonContentType;
            }

            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                return await read(response, token);
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
        }, cancellationToken);
}
