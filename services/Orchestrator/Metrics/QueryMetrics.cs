using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// The observations of the last hour (the longest window GetCrossClusterMetrics serves), held in memory per
/// Orchestrator instance: the latest <see cref="Capacity"/> queries and cluster calls, so a very busy hour keeps its
/// most recent part rather than growing without bound. Requests in flight per cluster are counted exactly.
/// </summary>
public sealed class QueryMetrics(TimeProvider time) : IQueryRecorder
{
    public const int Capacity = 200_000;
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly ConcurrentQueue<(DateTimeOffset At, QueryObservation Query)> _queries = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, ClusterCallObservation Call)> _calls = new();
    private readonly ConcurrentDictionary<string, StrongBox<int>> _inFlight = new(StringComparer.Ordinal);

    public void ClusterCallStarted(string cluster) => Interlocked.Increment(ref _inFlight.GetOrAdd(cluster, _ => new StrongBox<int>()).Value);

    public void ClusterCallCompleted(ClusterCallObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (_inFlight.TryGetValue(observation.Cluster, out var count) && Interlocked.Decrement(ref count.Value) < 0)
        {
            Interlocked.Exchange(ref count.Value, 0);
        }

        Add(_calls, (time.GetUtcNow(), observation));
    }

    public void QueryCompleted(QueryObservation query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Add(_queries, (time.GetUtcNow(), query));
    }

    public int InFlight(string cluster) => _inFlight.TryGetValue(cluster, out var count) ? Math.Max(0, Volatile.Read(ref count.Value)) : 0;

    /// <summary>Queries completed at or after <paramref name="from"/>, of <paramref name="library"/> ("" for all).</summary>
    public IReadOnlyList<QueryObservation> QueriesSince(DateTimeOffset from, string library) =>
        [.. Since(_queries, from).Where(q => library.Length == 0 || q.Library == library)];

    /// <summary>Cluster calls completed at or after <paramref name="from"/>, of <paramref name="library"/> ("" for all).</summary>
    public IReadOnlyList<ClusterCallObservation> CallsSince(DateTimeOffset from, string library) =>
        [.. Since(_calls, from).Where(c => library.Length == 0 || c.Library == library)];

    private void Add<T>(ConcurrentQueue<(DateTimeOffset At, T Item)> queue, (DateTimeOffset, T) item)
    {
        queue.Enqueue(item);
        var oldest = time.GetUtcNow() - Kept;
        while ((queue.Count > Capacity || (queue.TryPeek(out var head) && head.At < oldest)) && queue.TryDequeue(out _))
        {
        }
    }

    private static IEnumerable<T> Since<T>(ConcurrentQueue<(DateTimeOffset At, T Item)> queue, DateTimeOffset from) =>
        queue.Where(e => e.At >= from).Select(e => e.Item);
}
