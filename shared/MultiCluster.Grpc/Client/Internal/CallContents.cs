using System.Net;
using System.Net.Http.Headers;

namespace Grpc.Net.Client.Internal;

/// <summary>A request body that is one already-framed message.</summary>
internal sealed class SingleMessageContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _payload;

    public SingleMessageContent(ReadOnlyMemory<byte> payload, MediaTypeHeaderValue contentType)
    {
        _payload = payload;
        Headers.ContentType = contentType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_payload, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        // gRPC bodies are streams; leaving content-length out keeps unary and streaming requests alike on the wire.
        length = 0;
        return false;
    }
}

/// <summary>A request body the caller writes into message by message; completing it half-closes the stream.</summary>
internal sealed class StreamingContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingContent(MediaTypeHeaderValue contentType) => Headers.ContentType = contentType;

    public Task<Stream> RequestStream => _stream.Task;

    public void Complete() => _complete.TrySetResult();

    public void Abort(Exception exception)
    {
        _stream.TrySetException(exception);
        _complete.TrySetException(exception);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await using var registration = cancellationToken.Register(() => _complete.TrySetCanceled(cancellationToken));
        await _complete.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
