using MultiCluster.Rebalancer.Forecasting;

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

    /// <summary>
    /// Over <paramref name="trials"/> series of 125 points made by <paramref name="make"/>, each forecast from its first
    /// 120: the share whose 80% interval held the value one step and five steps ahead.
    /// </summary>
    public static (double One, double Five) IntervalCoverage(Random random, int trials, Func<Random, double[]> make, Func<double[], ForecastResult> forecast)
    {
        int one = 0, five = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var series = make(random);
            var result = forecast(series[..120]);
            one += result.Lower[0] <= series[120] && series[120] <= result.Upper[0] ? 1 : 0;
            five += result.Lower[4] <= series[124] && series[124] <= result.Upper[4] ? 1 : 0;
        }

        return (one / (double)trials, five / (double)trials);
    }

    public static double MeanAbsoluteError(IReadOnlyList<double> forecast, IReadOnlyList<double> actual) =>
        forecast.Zip(actual).Average(p => Math.Abs(p.First - p.Second));
}
