using System.Runtime.CompilerServices;

namespace Grpc.Core;

/// <summary>The parts every running client call shares: headers, final status, trailers and disposal.</summary>
public abstract class AsyncCallBase(Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action disposeAction) : IDisposable
{
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    /// <summary>The call's status; only valid once the call has ended.</summary>
    public Status GetStatus() => getStatus();

    /// <summary>The call's trailers; only valid once the call has ended.</summary>
    public Metadata GetTrailers() => getTrailers();

    /// <summary>Cancels the call if still running and frees its resources.</summary>
    public void Dispose()
    {
        disposeAction();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A running unary call.</summary>
public sealed class AsyncUnaryCall<TResponse>(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatus, getTrailers, disposeAction)
{
    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);
}

/// <summary>A running server-streaming call.</summary>
public sealed class AsyncServerStreamingCall<TResponse>(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatus, getTrailers, disposeAction)
{
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}

/// <summary>A running client-streaming call.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse>(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatus, getTrailers, disposeAction)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

/// <summary>A running bidirectional-streaming call.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action disposeAction)
    : AsyncCallBase(responseHeadersAsync, getStatus, getTrailers, disposeAction)
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;
}
