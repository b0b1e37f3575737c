using Grpc.Core;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// How long a watch streams: until the client cancels, or until just before the call's deadline. Ending the stream
/// cleanly (OK) before the deadline instead of letting it expire gives the client a deliberate end it can act on —
/// call again, passing the last version seen — rather than a DEADLINE_EXCEEDED that says nothing.
/// </summary>
public sealed class WatchWindow : IDisposable
{
    private readonly CancellationTokenSource _stop;

    public WatchWindow(ServerCallContext context)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        if (context.Deadline < DateTime.MaxValue)
        {
            var remaining = context.Deadline - DateTime.UtcNow;
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, remaining.Ticks / 10));
            _stop.CancelAfter(remaining - margin > TimeSpan.Zero ? remaining - margin : TimeSpan.Zero);
        }
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>Runs the watch; its end by cancellation or by the window closing is the stream's normal end.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> watch)
    {
        try
        {
            await watch(Token);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            // The client cancelled or the deadline is near: the watch's normal end.
        }
    }

    public void Dispose() => _stop.Dispose();
}
