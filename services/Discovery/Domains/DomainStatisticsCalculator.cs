using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>Not built yet (issue #10 in progress).</summary>
public static class DomainStatisticsCalculator
{
    /// <summary>Statistics of every domain of <paramref name="map"/>, ordered by domain id, drift and growth against <paramref name="previous"/>.</summary>
    public static IReadOnlyList<DomainStatistics> Compute(DomainMap map, DomainMap? previous) =>
        throw new NotImplementedException();
}
