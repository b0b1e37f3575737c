using System.Buffers;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>The response stream of a client call.</summary>
internal sealed class ResponseStreamReader<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first and check it returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        _current = await call.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        return _current is not null;
    }
}

/// <summary>The request stream of a client call; one write at a time, then CompleteAsync.</summary>
internal sealed class RequestStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingContent content, WriteOptions? writeOptions)
    : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private bool _writing;
    private bool _completed;

    public WriteOptions? WriteOptions { get; set; } = writeOptions;

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("Cannot write after CompleteAsync: the request stream is closed.");
        }

        if (_writing)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }

        _writing = true;
        try
        {
            var stream = await content.RequestStream.WaitAsync(call.CallToken).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
            call.Serialize(message, _buffer, WriteOptions);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.CallToken, cancellationToken);
            await stream.WriteAsync(_buffer.WrittenMemory, linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException and not InvalidOperationException)
        {
            throw call.FailFromException(ex);
        }
        finally
        {
            _writing = false;
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        content.Complete();
        return Task.CompletedTask;
    }
}
