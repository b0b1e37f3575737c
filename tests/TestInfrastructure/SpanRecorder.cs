using System.Collections.Concurrent;
using System.Diagnostics;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// Records the finished spans of some activity sources, every one sampled. Listeners are process-wide, so spans of
/// tests running alongside show up too: tests tell theirs apart by name or trace id.
/// </summary>
public sealed class SpanRecorder : IDisposable
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

    /// <summary>Every span stopped so far, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped];

    public static SpanRecorder Start(params string[] sources) => new(sources);

    /// <summary>The first stopped span named <paramref name="name"/>, once there is one.</summary>
    public async Task<Activity> WaitForAsync(string name) =>
        (await WaitForAsync(spans => spans.Any(a => a.OperationName == name), $"span '{name}'")).First(a => a.OperationName == name);

    /// <summary>The spans stopped so far, once <paramref name="done"/> holds for them.</summary>
    public Task<IReadOnlyList<Activity>> WaitForAsync(Func<IReadOnlyList<Activity>, bool> done, string what) =>
        Eventually.ValueAsync(() => Spans, done, what, spans => string.Join(", ", spans.Select(a => $"{a.Source.Name} \"{a.DisplayName}\"")));

    public void Dispose() => _listener.Dispose();
}
