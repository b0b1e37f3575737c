using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// A stored series made regular: one value per bucket from its first bucket to the last complete one. A bucket
/// nobody reported carries the previous value forward (an Orchestrator reports idle clusters as zero, so a gap is a
/// missing report, not a quiet cluster).
/// </summary>
public static class DenseSeries
{
    /// <summary>
    /// The series from its first point to <paramref name="end"/>. A bucket without a point that is in
    /// <paramref name="reported"/> reads zero: reports arrived then and did not name it (an Orchestrator reports only
    /// the domains it queried).
    /// </summary>
    public static double[] Fill(IReadOnlyList<SeriesPoint>? points, DateTimeOffset end, TimeSpan bucket, IReadOnlySet<DateTimeOffset>? reported = null)
    {
        if (points is null || points.Count == 0)
        {
            return [];
        }

        var first = points[0].Start;
        var count = (int)((end - first).Ticks / bucket.Ticks);
        var values = new double[Math.Max(0, count)];
        var next = 0;
        var last = points[0].Value;
        for (var i = 0; i < values.Length; i++)
        {
            var start = first + (bucket * i);
            var seen = false;
            while (next < points.Count && points[next].Start <= start)
            {
                last = points[next++].Value;
                seen = true;
            }

            if (!seen && reported?.Contains(start) == true)
            {
                last = 0;
            }

            values[i] = last;
        }

        return values;
    }
}
