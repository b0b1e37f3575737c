namespace MultiCluster.Rebalancer.Storage;

/// <summary>A forecast whose bucket has passed, waiting for its actual value.</summary>
public sealed record DueForecast(long Id, DateTimeOffset TargetTime, string Cluster, string Metric, string Library = "", string DomainId = "");
