namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// Holt's linear method and additive Holt-Winters, in the component form statsmodels' ExponentialSmoothing uses
/// (so its results are a reference): level l, trend b, season s of period m,
/// l_t = a(y_t - s_{t-m}) + (1-a)(l_{t-1} + b_{t-1}); b_t = b(l_t - l_{t-1}) + (1-b) b_{t-1};
/// s_t = g(y_t - l_{t-1} - b_{t-1}) + (1-g) s_{t-m}. Period 0 is Holt's method (no season); a trend-less level is
/// simple exponential smoothing.
/// </summary>
public sealed class ExponentialSmoothing
{
    private readonly double[] _seasonal;

    private ExponentialSmoothing(double level, double trend, double[] seasonal, double sse, int count)
    {
        Level = level;
        Trend = trend;
        _seasonal = seasonal;
        SumOfSquaredErrors = sse;
        Count = count;
    }

    public double Level { get; }

    public double Trend { get; }

    /// <summary>Sum of the squared one-step errors over the series.</summary>
    public double SumOfSquaredErrors { get; }

    public int Count { get; }

    /// <summary>
    /// Start states (just before the first point) from the series itself: without a season, the first two points'
    /// level and slope; with one, the first season's mean as the level at its middle, the slope between the first two
    /// seasons' means, and seasons as the first season's deviations from that line (so a trend is not read as a season).
    /// </summary>
    public static (double Level, double Trend, double[] Seasonal) InitialStates(IReadOnlyList<double> y, int period, bool trend)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (period == 0)
        {
            var slope = trend && y.Count > 1 ? y[1] - y[0] : 0;
            return (y[0] - slope, slope, []);
        }

        var first = y.Take(period).Average();
        var perStep = trend ? (y.Skip(period).Take(period).Average() - first) / period : 0;
        var middle = (period - 1) / 2.0;
        return (first - ((middle + 1) * perStep), perStep, [.. y.Take(period).Select((v, j) => v - (first + ((j - middle) * perStep)))]);
    }

    /// <summary>Runs the recursions over <paramref name="y"/> from the given start states.</summary>
    public static ExponentialSmoothing Filter(IReadOnlyList<double> y, SmoothingParameters p, int period, double level, double trend, IReadOnlyList<double> seasonal)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(seasonal);
        var s = new double[y.Count + period];
        for (var i = 0; i < period; i++)
        {
            s[i] = seasonal[i];
        }

        var sse = 0.0;
        for (var t = 0; t < y.Count; t++)
        {
            var season = period > 0 ? s[t] : 0;
            var error = y[t] - (level + trend + season);
            sse += error * error;
            var previous = level;
            level = (p.Alpha * (y[t] - season)) + ((1 - p.Alpha) * (previous + trend));
            if (period > 0)
            {
                s[t + period] = (p.Gamma * (y[t] - previous - trend)) + ((1 - p.Gamma) * season);
            }

            trend = (p.Beta * (level - previous)) + ((1 - p.Beta) * trend);
        }

        return new ExponentialSmoothing(level, trend, period > 0 ? s[^period..] : [], sse, y.Count);
    }

    /// <summary>The value expected <paramref name="h"/> buckets after the last one (h from 1).</summary>
    public double Predict(int h) => Level + (h * Trend) + (_seasonal.Length > 0 ? _seasonal[(h - 1) % _seasonal.Length] : 0);
}
