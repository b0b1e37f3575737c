using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace MultiCluster.Clusters.Tests.Infrastructure;

/// <summary>One gRPC call as the stub saw it: the method path, the request message's bytes, and its metadata.</summary>
public sealed record RecordedCall(string Method, byte[] Message, string? ApiKey, string? Timeout)
{
    public T As<T>()
        where T : IMessage<T>, new() => new MessageParser<T>(() => new T()).ParseFrom(Message);
}

/// <summary>
/// A scripted fake of Qdrant's gRPC server at the HTTP/2 level, in process: each test scripts the answers (a reply
/// message, or a status as Qdrant's gRPC server sends it: trailers-only, grpc-status and grpc-message) and reads
/// back the calls the adapter made. Answers are taken in order; the last one repeats. Plugged in as the channel's
/// handler, so Qdrant.Client's own stubs and Grpc.Net.Client's framing, deadlines and status handling run for real.
/// </summary>
public sealed class StubQdrantGrpc : HttpMessageHandler
{
    private readonly Queue<Func<RecordedCall, HttpResponseMessage>> _answers = new();
    private Func<RecordedCall, HttpResponseMessage>? _last;

    public List<RecordedCall> Calls { get; } = [];

    /// <summary>The next call is answered with this reply message (status OK).</summary>
    public StubQdrantGrpc Reply(IMessage reply) => Answer(_ => Ok(reply));

    /// <summary>The next call is answered with a reply built from its request.</summary>
    public StubQdrantGrpc Reply(Func<RecordedCall, IMessage> reply) => Answer(call => Ok(reply(call)));

    /// <summary>The next call ends with this gRPC status (e.g. 5 NOT_FOUND) and message, as Qdrant words it.</summary>
    public StubQdrantGrpc Fail(int status, string message, string? retryAfterSeconds = null) => Answer(_ =>
    {
        var response = Response();
        response.Headers.Add("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("grpc-message", Uri.EscapeDataString(message));
        if (retryAfterSeconds is not null)
        {
            response.Headers.Add("retry-after", retryAfterSeconds);
        }

        response.Content = new ByteArrayContent([]);
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return response;
    });

    /// <summary>The next attempt fails as an unreachable host does.</summary>
    public StubQdrantGrpc Refuse() => Answer(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:6334)"));

    /// <summary>The next attempt never answers (until cancelled), as a hung cluster.</summary>
    public StubQdrantGrpc Hang() => Answer(_ => throw new HangException());

    public StubQdrantGrpc Answer(Func<RecordedCall, HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var framed = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var length = BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1, 4));
        var call = new RecordedCall(
            request.RequestUri!.AbsolutePath,
            framed.AsSpan(5, length).ToArray(),
            request.Headers.TryGetValues("api-key", out var keys) ? keys.Single() : null,
            request.Headers.TryGetValues("grpc-timeout", out var timeouts) ? timeouts.Single() : null);
        lock (Calls)
        {
            Calls.Add(call);
        }

        var answer = _answers.Count > 0 ? _last = _answers.Dequeue() : _last ?? throw new InvalidOperationException("The stub has no answer scripted.");
        try
        {
            return answer(call);
        }
        catch (HangException)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw;
        }
    }

    private static HttpResponseMessage Ok(IMessage reply)
    {
        var message = reply.ToByteArray();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1, 4), message.Length);
        message.CopyTo(framed, 5);
        var response = Response();
        response.Content = new ByteArrayContent(framed);
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        response.TrailingHeaders.Add("grpc-status", "0");
        return response;
    }

    private static HttpResponseMessage Response() => new(HttpStatusCode.OK) { Version = HttpVersion.Version20 };

    private sealed class HangException : Exception;
}
