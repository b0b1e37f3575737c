using System.Collections.Concurrent;
using System.Diagnostics;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>Collects finished spans of some sources; spans of tests running alongside are told apart by name.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    private SpanRecorder(string[] sources)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public static SpanRecorder Start(params string[] sources) => new(sources);

    public async Task<Activity> WaitForAsync(string name)
    {
        await Eventually.TrueAsync(() => _stopped.Any(a => a.OperationName == name), $"span '{name}'");
        return _stopped.First(a => a.OperationName == name);
    }

    public void Dispose() => _listener.Dispose();
}
