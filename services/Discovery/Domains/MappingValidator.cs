using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>Not built yet (issue #10 in progress).</summary>
public static class MappingValidator
{
    /// <summary>Scores <paramref name="map"/> on a fresh sample of its library and lists what a person should fix.</summary>
    public static ValidateDomainMappingResponse Validate(DomainMap map, AnalysisSample fresh, DomainThresholds thresholds) =>
        throw new NotImplementedException();
}
