using System.Collections.Concurrent;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// Per-cluster call statistics over a sliding window (the last <see cref="Window"/>, at most
/// <see cref="MaxSamples"/> calls per cluster): what hedging waits for (p95), what copies are chosen by (p99, in
/// flight), and what "cluster.load" and GetCrossClusterMetrics report. Lock per cluster, held for microseconds.
/// </summary>
public sealed class ClusterLatencyRecorder(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public const int MaxSamples = 4_096;

    private readonly ConcurrentDictionary<string, ClusterWindow> _clusters = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Clusters => [.. _clusters.Keys];

    /// <summary>Marks a call started; dispose the result when it ends (whatever the outcome) after <see cref="Record"/>.</summary>
    public IDisposable Start(string cluster)
    {
        var window = Of(cluster);
        Interlocked.Increment(ref window.InFlight);
        return new InFlightMark(window);
    }

    public void Record(string cluster, TimeSpan elapsed, bool failed, bool timedOut, bool hedged)
    {
        var window = Of(cluster);
        var now = time.GetTimestamp();
        lock (window)
        {
            window.Samples.Enqueue(new ClusterCallSample(now, elapsed.TotalMilliseconds, failed, timedOut, hedged));
            while (window.Samples.Count > MaxSamples)
            {
                window.Samples.Dequeue();
            }
        }
    }

    /// <summary>The cluster's statistics over the last <paramref name="window"/> (at most <see cref="Window"/>).</summary>
    public ClusterLatencyStats Stats(string cluster, TimeSpan window)
    {
        var state = Of(cluster);
        var now = time.GetTimestamp();
        ClusterCallSample[] samples;
        lock (state)
        {
            samples = [.. state.Samples.Where(s => time.GetElapsedTime(s.At, now) <= window)];
        }

        var latencies = samples.Select(s => s.Milliseconds).Order().ToArray();
        var count = samples.Length;
        double Share(Func<ClusterCallSample, bool> which) => count == 0 ? 0 : samples.Count(which) / (double)count;
        return new ClusterLatencyStats(
            cluster,
            count,
            count / Math.Max(window.TotalSeconds, 1e-3),
            Quantile(latencies, 0.50),
            Quantile(latencies, 0.95),
            Quantile(latencies, 0.99),
            Share(s => s.Failed),
            Share(s => s.TimedOut),
            Share(s => s.Hedged),
            Volatile.Read(ref state.InFlight));
    }

    /// <summary>The recent p95 (last minute), or null when the cluster has too few calls to say.</summary>
    public double? RecentP95Ms(string cluster)
    {
        var stats = Stats(cluster, TimeSpan.FromMinutes(1));
        return stats.RequestCount >= 20 ? stats.P95Ms : null;
    }

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private ClusterWindow Of(string cluster) => _clusters.GetOrAdd(cluster, _ => new ClusterWindow());

    private sealed class ClusterWindow
    {
        public readonly Queue<ClusterCallSample> Samples = new();
        public int InFlight;
    }

    private sealed class InFlightMark(ClusterWindow window) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref window.InFlight);
            }
        }
    }
}
