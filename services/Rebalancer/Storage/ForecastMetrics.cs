namespace MultiCluster.Rebalancer.Storage;

/// <summary>The names of the metrics forecast, as the forecasts table stores them.</summary>
public static class ForecastMetrics
{
    public const string RequestRate = "request_rate";
    public const string FillRatio = "fill_ratio";

    /// <summary>A domain's query rate summed over the clusters serving it.</summary>
    public const string DomainRequestRate = "domain_request_rate";
}
