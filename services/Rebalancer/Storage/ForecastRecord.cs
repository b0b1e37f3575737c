namespace MultiCluster.Rebalancer.Storage;

/// <summary>
/// One forecast value to score later: what was predicted for <paramref name="TargetTime"/>'s bucket, and the naive
/// (last value) forecast. A domain's forecast names its library and domain, and as cluster the one serving most of it.
/// </summary>
public sealed record ForecastRecord(
    DateTimeOffset MadeAt, DateTimeOffset TargetTime, string Cluster, string Metric, string Model,
    double Predicted, double Lower, double Upper, double Naive, string Library = "", string DomainId = "");
