namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// A forecast of the next <see cref="Mean"/>.Length buckets with its 80% prediction interval, from the model given.
/// <see cref="ResidualSd"/> is the standard deviation of the one-step errors the interval widths grow from. A
/// <see cref="FittedModel.DomainSum"/> names the models of its <see cref="Parts"/>.
/// </summary>
public sealed record ForecastResult(
    FittedModel Model, IReadOnlyList<double> Mean, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper, double ResidualSd, IReadOnlyList<FittedModel>? Parts = null)
{
    /// <summary>The model's name as the contract and the forecasts table carry it, e.g. "holt" or "domain-sum(holt+naive)".</summary>
    public string Name => Parts is { Count: > 0 }
        ? $"{Model.Name()}({string.Join('+', Parts.Select(p => p.Name()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))})"
        : Model.Name();
}
