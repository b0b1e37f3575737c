using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace MultiCluster.Grpc.Tests.Infrastructure;

/// <summary>
/// A test service whose calls report what the server saw: cancellation reaching the handler,
/// the deadline it was given, the headers it received. Tests read <see cref="Observed"/>.
/// </summary>
public sealed class ProbeService(ProbeObservations observed) : TestService.TestServiceBase
{
    public ProbeObservations Observed { get; } = observed;

    /// <summary>Sleeps for response_size milliseconds (or until cancelled), then answers.</summary>
    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        Observed.Deadline.TrySetResult(context.Deadline);
        Observed.Headers.TrySetResult(context.RequestHeaders);
        try
        {
            await Task.Delay(request.ResponseSize, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Observed.Cancelled.TrySetResult();
            throw;
        }

        return new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFromUtf8("done") } };
    }

    /// <summary>Streams one message, then waits to be cancelled.</summary>
    public override async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFromUtf8("first") } });
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Observed.Cancelled.TrySetResult();
            throw;
        }
    }
}

/// <summary>What the probe service saw, shared with the test through DI.</summary>
public sealed class ProbeObservations
{
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<DateTime> Deadline { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<Metadata> Headers { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
