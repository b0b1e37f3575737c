namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// Fits a model to a series by minimising its one-step squared error (<see cref="ParameterSearch"/>) and forecasts
/// <c>horizon</c> buckets with 80% prediction intervals: sigma of the one-step errors widened per step as the
/// additive ETS models' variance grows, Var(h) = sigma^2 (1 + sum_{j&lt;h} c_j^2) with c_j = a(1 + j b) + g(1 - a)[j mod m = 0]
/// (Hyndman and Athanasopoulos, Forecasting: Principles and Practice, table 6.7 / 8.8).
/// </summary>
public static class Forecaster
{
    /// <summary>z of the two-sided 80% interval of a normal distribution.</summary>
    public const double Z80 = 1.2815515655446004;

    /// <summary>The fewest points any model is fitted on.</summary>
    public const int MinimumPoints = 4;

    /// <summary>Most changes a naive interval is read from: recent spread, and bounded work for long horizons.</summary>
    private const int SpreadWindow = 240;

    /// <summary>Forecasts <paramref name="horizon"/> buckets; seasonal with period <paramref name="period"/> when the series holds two cycles of it.</summary>
    public static ForecastResult Forecast(IReadOnlyList<double> y, int horizon, ModelChoice model, int period)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(y.Count, MinimumPoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        return model switch
        {
            ModelChoice.Linear => Linear(y, horizon),
            ModelChoice.Ewma => Smoothing(y, horizon, 0, trend: false),
            ModelChoice.Naive => Naive(y, horizon),
            ModelChoice.Auto => BacktestSelection.Forecast(y, horizon, period),
            _ => Smoothing(y, horizon, period >= 2 && y.Count >= 2 * period ? period : 0, trend: true),
        };
    }

    /// <summary>
    /// <see cref="Forecast"/> when the series is long enough to fit; shorter, its last value with no interval claimed
    /// around it ("naive"); empty, null.
    /// </summary>
    public static ForecastResult? ForecastOrLast(IReadOnlyList<double> y, int horizon, ModelChoice model, int period)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count >= MinimumPoints)
        {
            return Forecast(y, horizon, model, period);
        }

        if (y.Count == 0)
        {
            return null;
        }

        var values = Enumerable.Repeat(y[^1], horizon).ToArray();
        return new ForecastResult(FittedModel.Naive, values, values, values, 0);
    }

    /// <summary>The weights that minimise the one-step squared error over <paramref name="y"/>.</summary>
    public static SmoothingParameters Fit(IReadOnlyList<double> y, int period, bool trend)
    {
        var (level, slope, seasonal) = ExponentialSmoothing.InitialStates(y, period, trend);
        var dimensions = 1 + (trend ? 1 : 0) + (period > 0 ? 1 : 0);
        var best = ParameterSearch.Minimize(dimensions, w => ExponentialSmoothing.Filter(y, Weights(w, trend, period), period, level, slope, seasonal).SumOfSquaredErrors);
        return Weights(best, trend, period);
    }

    private static SmoothingParameters Weights(double[] w, bool trend, int period) =>
        new(w[0], trend ? w[1] : 0, period > 0 ? w[^1] : 0);

    private static ForecastResult Smoothing(IReadOnlyList<double> y, int horizon, int period, bool trend)
    {
        var p = Fit(y, period, trend);
        var (level, slope, seasonal) = ExponentialSmoothing.InitialStates(y, period, trend);
        var fitted = ExponentialSmoothing.Filter(y, p, period, level, slope, seasonal);
        var sigma = Math.Sqrt(fitted.SumOfSquaredErrors / Math.Max(1, y.Count - 1));
        var mean = new double[horizon];
        var lower = new double[horizon];
        var upper = new double[horizon];
        var variance = 0.0;
        for (var h = 1; h <= horizon; h++)
        {
            var c = h == 1 ? 1 : (p.Alpha * (1 + ((h - 1) * p.Beta))) + (period > 0 && (h - 1) % period == 0 ? p.Gamma * (1 - p.Alpha) : 0);
            variance += c * c;
            var width = Z80 * sigma * Math.Sqrt(variance);
            mean[h - 1] = fitted.Predict(h);
            (lower[h - 1], upper[h - 1]) = (mean[h - 1] - width, mean[h - 1] + width);
        }

        var model = period > 0 ? FittedModel.HoltWinters : trend ? FittedModel.Holt : FittedModel.Ewma;
        return new ForecastResult(model, mean, lower, upper, sigma);
    }

    /// <summary>
    /// The last value, with the 80% interval of a random walk read from the history itself: at h buckets ahead, the
    /// root mean square of its changes over h buckets (the last <see cref="SpreadWindow"/> of them; sigma of one bucket
    /// times sqrt(h) when fewer than 8 exist), never narrower than at h - 1. Empirical rather than sigma sqrt(h), since
    /// a series that steps now and then and is flat between does not spread like a random walk.
    /// </summary>
    public static ForecastResult Naive(IReadOnlyList<double> y, int horizon)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(y.Count, 2);
        var last = y[^1];
        var sigma = ChangeSpread(y, 1);
        var mean = Enumerable.Repeat(last, horizon).ToArray();
        var lower = new double[horizon];
        var upper = new double[horizon];
        var width = 0.0;
        for (var h = 1; h <= horizon; h++)
        {
            var spread = y.Count - h >= 8 ? ChangeSpread(y, h) : sigma * Math.Sqrt(h);
            width = Math.Max(width, Z80 * spread);
            (lower[h - 1], upper[h - 1]) = (last - width, last + width);
        }

        return new ForecastResult(FittedModel.Naive, mean, lower, upper, sigma);
    }

    private static double ChangeSpread(IReadOnlyList<double> y, int h)
    {
        var sum = 0.0;
        var count = 0;
        for (var t = Math.Max(h, y.Count - SpreadWindow); t < y.Count; t++)
        {
            var change = y[t] - y[t - h];
            sum += change * change;
            count++;
        }

        return count == 0 ? 0 : Math.Sqrt(sum / count);
    }

    private static ForecastResult Linear(IReadOnlyList<double> y, int horizon)
    {
        var n = y.Count;
        var meanX = (n - 1) / 2.0;
        var meanY = y.Average();
        var sxx = Enumerable.Range(0, n).Sum(i => (i - meanX) * (i - meanX));
        var slope = Enumerable.Range(0, n).Sum(i => (i - meanX) * (y[i] - meanY)) / sxx;
        var intercept = meanY - (slope * meanX);
        var sigma = Math.Sqrt(Enumerable.Range(0, n).Sum(i => Math.Pow(y[i] - (intercept + (slope * i)), 2)) / Math.Max(1, n - 2));
        var mean = new double[horizon];
        var lower = new double[horizon];
        var upper = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            var x = n - 1 + h;
            var width = Z80 * sigma * Math.Sqrt(1 + (1.0 / n) + ((x - meanX) * (x - meanX) / sxx));
            mean[h - 1] = intercept + (slope * x);
            (lower[h - 1], upper[h - 1]) = (mean[h - 1] - width, mean[h - 1] + width);
        }

        return new ForecastResult(FittedModel.Linear, mean, lower, upper, sigma);
    }
}
