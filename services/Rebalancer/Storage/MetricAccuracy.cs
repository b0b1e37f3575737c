namespace MultiCluster.Rebalancer.Storage;

/// <summary>Accuracy of one cluster's scored forecasts of one metric.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Metric">One of <see cref="ForecastMetrics"/>.</param>
/// <param name="Count">Forecast values scored.</param>
/// <param name="Mape">Mean absolute percentage error, percent, over actual values that are not zero.</param>
/// <param name="NaiveMape">The same for the naive last-value forecast.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Coverage">Share of actual values within the forecast's 80% interval.</param>
public sealed record MetricAccuracy(string Cluster, string Metric, long Count, double Mape, double NaiveMape, double Mae, double Coverage);
