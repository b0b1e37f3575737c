using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>Not built yet (issue #10 in progress).</summary>
public static class PatternDetector
{
    /// <summary>Changes from <paramref name="older"/> to <paramref name="newer"/> (drift, growth, decline, splits, merges, emergence, disappearance).</summary>
    public static IReadOnlyList<DetectedPattern> Compare(DomainMap older, DomainMap newer, DomainThresholds thresholds) =>
        throw new NotImplementedException();
}
