using Grpc.Core;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>The request stream of a server call.</summary>
internal sealed class HttpContextStreamReader<T>(HttpContextServerCallContext call, Marshaller<T> marshaller) : IAsyncStreamReader<T>
    where T : class
{
    private T? _current;
    private bool _reading;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first and check it returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_reading)
        {
            throw new InvalidOperationException("A read is already in progress; await each MoveNext before the next.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _reading = true;
        var reader = call.HttpContext.Request.BodyReader;
        await using var registration = cancellationToken.Register(reader.CancelPendingRead);
        try
        {
            _current = await call.ReadMessageAsync(marshaller);
            return _current is not null;
        }
        finally
        {
            _reading = false;
        }
    }
}

/// <summary>The response stream of a server call; each write is flushed unless it carries BufferHint.</summary>
internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext call, Marshaller<T> marshaller) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions
    {
        get => call.WriteOptions;
        set => call.WriteOptions = value;
    }

    public Task WriteAsync(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bufferHint = ((WriteOptions?.Flags ?? 0) & WriteFlags.BufferHint) != 0;
        return call.WriteMessageAsync(message, marshaller, WriteOptions, flush: !bufferHint);
    }
}
