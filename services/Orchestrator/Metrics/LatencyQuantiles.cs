namespace MultiCluster.Orchestrator.Metrics;

/// <summary>p50, p95 and p99 in milliseconds by nearest rank; zeros for no samples.</summary>
public readonly record struct LatencyQuantiles(double P50, double P95, double P99)
{
    public static LatencyQuantiles Of(IEnumerable<TimeSpan> latencies)
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? default : new(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99));
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
