namespace MultiCluster.LocalCluster.Metrics;

/// <summary>A Prometheus histogram of durations in seconds: cumulative buckets, sum and count, lock-free.</summary>
public sealed class Histogram
{
    private static readonly double[] DefaultBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _counts;
    private long _count;
    private long _sumTicks;

    public Histogram() => _counts = new long[DefaultBounds.Length];

    public static IReadOnlyList<double> Bounds => DefaultBounds;

    public long Count => Interlocked.Read(ref _count);

    public double Sum => Interlocked.Read(ref _sumTicks) / (double)TimeSpan.TicksPerSecond;

    public void Observe(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        for (var i = 0; i < DefaultBounds.Length; i++)
        {
            if (seconds <= DefaultBounds[i])
            {
                Interlocked.Increment(ref _counts[i]);
                break;
            }
        }

        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumTicks, duration.Ticks);
    }

    /// <summary>Observations at or below each bound (cumulative, as Prometheus wants them).</summary>
    public long[] CumulativeCounts()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return cumulative;
    }
}
