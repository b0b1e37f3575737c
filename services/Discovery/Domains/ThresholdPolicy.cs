using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>Not built yet (issue #10 in progress).</summary>
public static class ThresholdPolicy
{
    /// <summary>The thresholds with every "0 means default" replaced by the documented default.</summary>
    public static DomainThresholds Resolve(DomainThresholds thresholds) => throw new NotImplementedException();

    /// <summary>Why <paramref name="map"/> must not be published under <paramref name="resolved"/>; empty when it may.</summary>
    public static IReadOnlyList<string> Failures(DomainMap map, DomainThresholds resolved) => throw new NotImplementedException();
}
