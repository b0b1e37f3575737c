using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Configuration;

/// <summary>Checks DomainThresholds values against the ranges discovery.proto gives them.</summary>
public static class ThresholdsValidator
{
    public static void Validate(DomainThresholds thresholds, string path)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Between(thresholds.MinCohesion, 0, 1, $"{path}.min_cohesion", "0 means 0.3");
        Between(thresholds.MaxDomainShare, 0, 1, $"{path}.max_domain_share", "0 means 0.5");
        Between(thresholds.MinSilhouette, -1, 1, $"{path}.min_silhouette", "0 means no minimum");
        Between(thresholds.MaxUnassignedFraction, 0, 1, $"{path}.max_unassigned_fraction", "0 means 0.1");
        if (!double.IsFinite(thresholds.DriftDistance) || thresholds.DriftDistance < 0)
        {
            throw new DiscoveryRequestException($"{path}.drift_distance: {thresholds.DriftDistance} must be a finite distance >= 0 (0 means 0.15).");
        }

        var minPoints = thresholds.MinDomainPoints == 0 ? 100 : thresholds.MinDomainPoints;
        if (thresholds.MaxDomainPoints != 0 && thresholds.MaxDomainPoints < minPoints)
        {
            throw new DiscoveryRequestException(
                $"{path}.max_domain_points: {thresholds.MaxDomainPoints} is below min_domain_points {minPoints}; use at least {minPoints}, or 0 for no limit.");
        }
    }

    private static void Between(double value, double low, double high, string path, string zeroMeans)
    {
        if (!(value >= low && value <= high))
        {
            throw new DiscoveryRequestException($"{path}: {value} is outside {low}..{high} ({zeroMeans}).");
        }
    }
}
