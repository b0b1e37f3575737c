namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// A domain's query rate forecast (summed over the clusters serving it), the share of its queries each cluster serves
/// now, the cluster serving most of them, and its last value (the naive forecast).
/// </summary>
public sealed record DomainRateForecast(DomainKey Domain, string Cluster, IReadOnlyDictionary<string, double> Shares, ForecastResult Forecast, double Last);
