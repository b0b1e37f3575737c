namespace MultiCluster.Rebalancer.Storage;

/// <summary>Accuracy of one domain's scored query rate forecasts (see <see cref="MetricAccuracy"/> for the figures).</summary>
public sealed record DomainAccuracy(string Library, string DomainId, long Count, double Mape, double NaiveMape, double Coverage);
