namespace MultiCluster.Rebalancer.Tests.Forecasting;

/// <summary>Series with a known shape (seeded noise, so every run sees the same numbers).</summary>
internal static class SyntheticSeries
{
    /// <summary>Standard normal noise (Box-Muller).</summary>
    public static double Gaussian(Random random)
    {
        var u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>level + slope t + amplitude sin(2 pi t / period) + N(0, noise²), for t in [start, start + count).</summary>
    public static double[] Make(Random random, int start, int count, double level, double slope, double amplitude, int period, double noise) =>
        [.. Enumerable.Range(start, count).Select(t => level + (slope * t) + (period > 0 ? amplitude * Math.Sin(2 * Math.PI * t / period) : 0) + (noise * Gaussian(random)))];

    public static double MeanAbsoluteError(IReadOnlyList<double> forecast, IReadOnlyList<double> actual) =>
        forecast.Zip(actual).Average(p => Math.Abs(p.First - p.Second));
}
