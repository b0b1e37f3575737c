using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>The three dimensions measured and every threshold exceeded, as Issues naming clusters and domains.</summary>
public sealed record ImbalanceReport(DimensionImbalance Load, DimensionImbalance Size, DimensionImbalance Latency, IReadOnlyList<Issue> Violations)
{
    public bool ExceedsThresholds => Violations.Count > 0;
}
