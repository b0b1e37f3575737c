using System.Collections.Concurrent;

namespace MultiCluster.LocalCluster.Metrics;

/// <summary>What the node counts while it serves: responses by endpoint and status, and how long searches take.</summary>
public sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<(string Method, string Endpoint, int Status), StrongBox> _responses = new();
    private readonly ConcurrentDictionary<(string Method, string Endpoint), Histogram> _durations = new();

    public Histogram SearchDuration { get; } = new();

    public void RecordResponse(string method, string endpoint, int status, TimeSpan duration)
    {
        Interlocked.Increment(ref _responses.GetOrAdd((method, endpoint, status), _ => new StrongBox()).Value);
        _durations.GetOrAdd((method, endpoint), _ => new Histogram()).Observe(duration);
    }

    public IEnumerable<(string Method, string Endpoint, int Status, long Count)> Responses =>
        _responses.Select(r => (r.Key.Method, r.Key.Endpoint, r.Key.Status, Interlocked.Read(ref r.Value.Value)))
            .OrderBy(r => r.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Status);

    public IEnumerable<(string Method, string Endpoint, Histogram Duration)> Durations =>
        _durations.Select(d => (d.Key.Method, d.Key.Endpoint, d.Value))
            .OrderBy(d => d.Endpoint, StringComparer.Ordinal).ThenBy(d => d.Method, StringComparer.Ordinal);

    /// <summary>A counter cell shared by reference.</summary>
    private sealed class StrongBox
    {
        public long Value;
    }
}
