using MultiCluster.Contracts.V1;
using static System.FormattableString;

namespace MultiCluster.Discovery.Domains;

/// <summary>The quality gates of a domain map: defaults as discovery.proto documents them, and why a map fails them.</summary>
public static class ThresholdPolicy
{
    public const double DefaultMinCohesion = 0.3;
    public const ulong DefaultMinDomainPoints = 100;
    public const double DefaultMaxDomainShare = 0.5;
    public const double DefaultDriftDistance = 0.15;
    public const double DefaultMaxUnassignedFraction = 0.1;

    /// <summary>The thresholds with every "0 means default" replaced by the documented default.</summary>
    public static DomainThresholds Resolve(DomainThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return new DomainThresholds
        {
            MinCohesion = thresholds.MinCohesion == 0 ? DefaultMinCohesion : thresholds.MinCohesion,
            MinDomainPoints = thresholds.MinDomainPoints == 0 ? DefaultMinDomainPoints : thresholds.MinDomainPoints,
            // 0 stays: "no limit".
            MaxDomainPoints = thresholds.MaxDomainPoints,
            MaxDomainShare = thresholds.MaxDomainShare == 0 ? DefaultMaxDomainShare : thresholds.MaxDomainShare,
            // 0 stays: "no minimum".
            MinSilhouette = thresholds.MinSilhouette,
            DriftDistance = thresholds.DriftDistance == 0 ? DefaultDriftDistance : thresholds.DriftDistance,
            MaxUnassignedFraction = thresholds.MaxUnassignedFraction == 0 ? DefaultMaxUnassignedFraction : thresholds.MaxUnassignedFraction,
        };
    }

    /// <summary>
    /// Why <paramref name="map"/> must not be published under <paramref name="resolved"/>; empty when it may. Gates
    /// apply to leaf domains (parents aggregate them). A domain below min_domain_points fails only when another domain
    /// could have absorbed it, i.e. <see cref="DomainMapRefiner.MergeSmall"/> was not run: a library too small for two
    /// domains is not held back for it.
    /// </summary>
    public static IReadOnlyList<string> Failures(DomainMap map, DomainThresholds resolved)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(resolved);
        var failures = new List<string>();
        var leaves = DomainHierarchy.Leaves(map);
        if (leaves.Count == 0)
        {
            failures.Add("The map has no domains: analyse a larger sample, or for DBSCAN raise epsilon or lower min_points.");
            return failures;
        }

        foreach (var d in leaves)
        {
            var share = map.TotalPoints == 0 ? 0 : (double)d.PointCount / map.TotalPoints;
            if (d.Cohesion < resolved.MinCohesion)
            {
                failures.Add(Invariant($"{d.DomainId} has cohesion {d.Cohesion:0.00}, below min_cohesion {resolved.MinCohesion:0.00}: raise max_domains (or k) so loose domains split, or lower the threshold."));
            }

            if (d.PointCount < resolved.MinDomainPoints && leaves.Count > 1)
            {
                failures.Add(Invariant($"{d.DomainId} holds {d.PointCount:N0} points, below min_domain_points {resolved.MinDomainPoints:N0}: merge small domains into their neighbours (lower max_domains or k) or lower the threshold."));
            }

            if (resolved.MaxDomainPoints > 0 && d.PointCount > resolved.MaxDomainPoints)
            {
                failures.Add(Invariant($"{d.DomainId} holds {d.PointCount:N0} points, above max_domain_points {resolved.MaxDomainPoints:N0}: raise max_domains (or k) so it splits, or raise the threshold."));
            }

            if (share > resolved.MaxDomainShare)
            {
                failures.Add(Invariant($"{d.DomainId} holds {share:0%} of the library, above max_domain_share {resolved.MaxDomainShare:0%}: raise max_domains or lower the threshold."));
            }
        }

        if (resolved.MinSilhouette != 0 && map.SilhouetteScore < resolved.MinSilhouette)
        {
            failures.Add(Invariant($"The map's silhouette is {map.SilhouetteScore:0.00}, below min_silhouette {resolved.MinSilhouette:0.00}: try another strategy or number of domains, or lower the threshold."));
        }

        if (map.UnassignedFraction > resolved.MaxUnassignedFraction)
        {
            failures.Add(Invariant($"{map.UnassignedFraction:0%} of the sample is unassigned, above max_unassigned_fraction {resolved.MaxUnassignedFraction:0%}: raise DBSCAN's epsilon or lower min_points, or use the hybrid strategy."));
        }

        return failures;
    }
}
