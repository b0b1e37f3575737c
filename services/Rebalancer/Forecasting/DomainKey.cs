namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>A domain of a library, as load reports and forecasts name it.</summary>
public readonly record struct DomainKey(string Library, string DomainId);
