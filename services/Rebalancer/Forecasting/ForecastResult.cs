namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// A forecast of the next <see cref="Mean"/>.Length buckets with its 80% prediction interval, from the model named.
/// <see cref="ResidualSd"/> is the standard deviation of the one-step errors the interval widths grow from.
/// </summary>
public sealed record ForecastResult(string Model, IReadOnlyList<double> Mean, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper, double ResidualSd);
