using System.Net;
using System.Text;

namespace MultiCluster.Clusters.Tests.Infrastructure;

/// <summary>One request as the stub saw it.</summary>
public sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, string? Body, string? ApiKey);

/// <summary>
/// A fake of Qdrant's documented REST responses, not a Qdrant: each test scripts the answers (status codes and
/// bodies as Qdrant's OpenAPI document and server define them, see <see cref="QdrantAnswers"/>) and reads back
/// the requests the adapter sent. Answers are taken in order; the last one repeats.
/// </summary>
public sealed class StubQdrantHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new();
    private Func<HttpRequestMessage, HttpResponseMessage>? _last;

    public List<RecordedRequest> Requests { get; } = [];

    public StubQdrantHandler Answer(Func<HttpResponseMessage> answer) => Answer(_ => answer());

    public StubQdrantHandler Answer(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    /// <summary>The next attempt fails as an unreachable host does.</summary>
    public StubQdrantHandler Refuse() => Answer(_ => throw new HttpRequestException("Connection refused (127.0.0.1:6333)", null, null));

    /// <summary>The next attempt never answers (until cancelled), as a hung cluster.</summary>
    public StubQdrantHandler Hang() => Answer(_ => throw new HangException());

    /// <summary>Completes once at least <paramref name="count"/> requests have arrived (bound it with Within).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        while (true)
        {
            lock (Requests)
            {
                if (Requests.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(5);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var apiKey = request.Headers.TryGetValues("api-key", out var keys) ? keys.Single() : null;
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!.PathAndQuery, body, apiKey));
        }

        var answer = _answers.Count > 0 ? _last = _answers.Dequeue() : _last ?? throw new InvalidOperationException("The stub has no answer scripted.");
        try
        {
            return answer(request);
        }
        catch (HangException)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw;
        }
    }

    private sealed class HangException : Exception;
}

/// <summary>Responses shaped as Qdrant documents them.</summary>
public static class QdrantAnswers
{
    /// <summary>200 with the envelope {"result": ..., "status": "ok", "time": ...}.</summary>
    public static HttpResponseMessage Ok(string resultJson) => Json(HttpStatusCode.OK, $$"""{"result":{{resultJson}},"status":"ok","time":0.001}""");

    /// <summary>An error with Qdrant's ErrorResponse body {"status": {"error": "..."}, "time": ...}.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string error) =>
        Json(status, $$"""{"status":{"error":{{System.Text.Json.JsonSerializer.Serialize(error)}}},"time":0.0}""");

    /// <summary>Plain text, as Qdrant's auth middleware answers 401 and 403, and as /readyz answers.</summary>
    public static HttpResponseMessage Text(HttpStatusCode status, string text) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, "text/plain") };

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>An update result as PUT /points and POST /points/delete return it.</summary>
    public static HttpResponseMessage Completed() => Ok("""{"operation_id":1,"status":"completed"}""");
}
