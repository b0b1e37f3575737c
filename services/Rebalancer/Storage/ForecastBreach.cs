namespace MultiCluster.Rebalancer.Storage;

/// <summary>
/// What one forecast made at <paramref name="MadeAt"/> said of one threshold (Migrations/0005_forecast_breaches.sql):
/// over [<paramref name="CoveredFrom"/>, <paramref name="CoveredTo"/>) the <paramref name="Subject"/>'s series first goes
/// above <paramref name="Limit"/> in <paramref name="BreachTime"/>'s bucket, or (null) never. <paramref name="Threshold"/>
/// is <see cref="FillRatio"/> (subject: a cluster) or <see cref="LoadImbalance"/> (subject empty: the clusters together).
/// </summary>
public sealed record ForecastBreach(
    DateTimeOffset MadeAt, string Threshold, string Subject, double Limit, DateTimeOffset CoveredFrom, DateTimeOffset CoveredTo, DateTimeOffset? BreachTime)
{
    public const string FillRatio = "max_fill_ratio";

    public const string LoadImbalance = "max_load_imbalance";
}
