namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>The model a forecast was made with (<see cref="FittedModelNames"/> gives the names the contract and the forecasts table use).</summary>
public enum FittedModel
{
    /// <summary>The last value.</summary>
    Naive,

    /// <summary>Simple exponential smoothing.</summary>
    Ewma,

    /// <summary>Holt's linear method.</summary>
    Holt,

    /// <summary>Additive Holt-Winters.</summary>
    HoltWinters,

    /// <summary>A least-squares straight line.</summary>
    Linear,

    /// <summary>A cluster's rate as the sum of the forecasts of the domains it serves (<see cref="PlacementForecast"/>).</summary>
    DomainSum,
}
