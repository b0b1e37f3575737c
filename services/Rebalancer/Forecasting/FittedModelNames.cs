using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>What a <see cref="FittedModel"/> is called outside: its name (DomainForecast.model, the forecasts table) and the contract's ForecastModel.</summary>
public static class FittedModelNames
{
    public static string Name(this FittedModel model) => model switch
    {
        FittedModel.Naive => "naive",
        FittedModel.Ewma => "ewma",
        FittedModel.Holt => "holt",
        FittedModel.HoltWinters => "holt-winters",
        FittedModel.Linear => "linear",
        _ => "domain-sum",
    };

    /// <summary>The contract's ForecastModel: Holt-Winters is Holt's method with a season; a sum of domain forecasts is said to be Holt's as before.</summary>
    public static ForecastModel Contract(this FittedModel model) => model switch
    {
        FittedModel.Naive => ForecastModel.Naive,
        FittedModel.Ewma => ForecastModel.Ewma,
        FittedModel.Linear => ForecastModel.Linear,
        _ => ForecastModel.Holt,
    };
}
