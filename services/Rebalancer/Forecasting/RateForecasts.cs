namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>Request rate forecasts: per cluster (null when it has no history), and per domain with a history (by library, then domain).</summary>
public sealed record RateForecasts(IReadOnlyDictionary<string, ForecastResult?> Clusters, IReadOnlyList<DomainRateForecast> Domains);
