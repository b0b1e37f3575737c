namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>The models <see cref="Forecaster"/> fits.</summary>
public enum ModelChoice
{
    /// <summary>Holt's linear method, or additive Holt-Winters once the history holds two seasonal cycles.</summary>
    Holt,

    /// <summary>Simple exponential smoothing (level only).</summary>
    Ewma,

    /// <summary>A least-squares straight line.</summary>
    Linear,

    /// <summary>The last value (a random walk), intervals from the spread of the history's changes over as many buckets.</summary>
    Naive,

    /// <summary>The service's choice, per series: whichever of naive, EWMA and Holt (Holt-Winters) backtests best (<see cref="BacktestSelection"/>).</summary>
    Auto,
}
