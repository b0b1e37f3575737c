using System.Collections.Concurrent;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// The one record of queries and cluster calls, per Orchestrator instance, kept for the last hour (the longest window
/// GetCrossClusterMetrics serves): the latest <see cref="Capacity"/> queries and <see cref="CallsPerCluster"/> calls of
/// each cluster, so a very busy hour keeps its most recent part rather than growing without bound. It serves the load
/// reports ("cluster.load") and GetCrossClusterMetrics (<see cref="CallsSince"/>), and the router and hedging
/// (<see cref="Stats"/>, <see cref="RecentP95Ms"/>). A cluster's requests in flight are counted once, from the call's
/// start to its completion.
/// </summary>
public sealed class QueryMetrics(TimeProvider time) : IQueryRecorder
{
    public const int Capacity = 200_000;
    public const int CallsPerCluster = 100_000;

    /// <summary>Most calls <see cref="Stats"/> summarises (the newest): a cluster's condition is read on every routing decision.</summary>
    public const int MaxStatsSamples = 4_096;

    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly ConcurrentQueue<(DateTimeOffset At, QueryObservation Query)> _queries = new();
    private readonly ConcurrentDictionary<string, ClusterCallWindow> _clusters = new(StringComparer.Ordinal);

    public void ClusterCallStarted(string cluster) => Of(cluster).Started();

    public void ClusterCallCompleted(ClusterCallObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var now = time.GetUtcNow();
        Of(observation.Cluster).Completed(now, observation, now - Kept, CallsPerCluster);
    }

    public void QueryCompleted(QueryObservation query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _queries.Enqueue((time.GetUtcNow(), query));
        var oldest = time.GetUtcNow() - Kept;
        while ((_queries.Count > Capacity || (_queries.TryPeek(out var head) && head.At < oldest)) && _queries.TryDequeue(out _))
        {
        }
    }

    public int InFlight(string cluster) => _clusters.TryGetValue(cluster, out var window) ? window.InFlight : 0;

    /// <summary>Queries completed at or after <paramref name="from"/>, of <paramref name="library"/> ("" for all).</summary>
    public IReadOnlyList<QueryObservation> QueriesSince(DateTimeOffset from, string library) =>
        [.. _queries.Where(e => e.At >= from).Select(e => e.Query).Where(q => library.Length == 0 || q.Library == library)];

    /// <summary>Cluster calls completed at or after <paramref name="from"/>, of <paramref name="library"/> ("" for all).</summary>
    public IReadOnlyList<ClusterCallObservation> CallsSince(DateTimeOffset from, string library) =>
        [.. _clusters.Values.SelectMany(w => w.Since(from)).Where(c => library.Length == 0 || c.Library == library)];

    /// <summary>The cluster's statistics over the last <paramref name="window"/>, from its newest <see cref="MaxStatsSamples"/> calls.</summary>
    public ClusterLatencyStats Stats(string cluster, TimeSpan window)
    {
        var state = Of(cluster);
        var calls = state.Since(time.GetUtcNow() - window, MaxStatsSamples);
        var quantiles = LatencyQuantiles.Of(calls.Select(c => c.Latency));
        var count = calls.Count;
        double Share(Func<ClusterCallObservation, bool> which) => count == 0 ? 0 : calls.Count(which) / (double)count;
        return new ClusterLatencyStats(
            cluster,
            count,
            count / Math.Max(window.TotalSeconds, 1e-3),
            quantiles.P50,
            quantiles.P95,
            quantiles.P99,
            Share(c => c.Failed),
            Share(c => c.TimedOut),
            Share(c => c.Hedged),
            state.InFlight);
    }

    /// <summary>The recent p95 (last minute), or null when the cluster has too few calls to say.</summary>
    public double? RecentP95Ms(string cluster)
    {
        var stats = Stats(cluster, TimeSpan.FromMinutes(1));
        return stats.RequestCount >= 20 ? stats.P95Ms : null;
    }

    private ClusterCallWindow Of(string cluster) => _clusters.GetOrAdd(cluster, _ => new ClusterCallWindow());
}
