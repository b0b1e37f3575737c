using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>Per-domain statistics of a map, read from the map itself (it keeps no member rows) and its predecessor.</summary>
public static class DomainStatisticsCalculator
{
    /// <summary>Statistics of every domain of <paramref name="map"/>, ordered by domain id, drift and growth against <paramref name="previous"/>.</summary>
    public static IReadOnlyList<DomainStatistics> Compute(DomainMap map, DomainMap? previous)
    {
        ArgumentNullException.ThrowIfNull(map);
        var parents = DomainHierarchy.ParentIds(map);
        var before = previous?.Domains.ToDictionary(d => d.DomainId, StringComparer.Ordinal) ?? [];
        var hours = previous?.CreatedAt is { } from && map.CreatedAt is { } to ? (to.ToDateTimeOffset() - from.ToDateTimeOffset()).TotalHours : 0;
        var statistics = new List<DomainStatistics>();
        foreach (var domain in map.Domains.OrderBy(d => d.DomainId, StringComparer.Ordinal))
        {
            // Separation is measured among domains of the same level: a parent's centroid sits among its children by construction.
            var nearest = map.Domains
                .Where(d => d.DomainId != domain.DomainId && parents.Contains(d.DomainId) == parents.Contains(domain.DomainId))
                .Select(d => (d.DomainId, Distance: CentroidMath.Distance(domain, d, map.Distance)))
                .Where(d => !double.IsNaN(d.Distance))
                .OrderBy(d => d.Distance)
                .ThenBy(d => d.DomainId, StringComparer.Ordinal)
                .FirstOrDefault();
            var old = before.GetValueOrDefault(domain.DomainId);
            var drift = old is null ? double.NaN : CentroidMath.Distance(old, domain, map.Distance);
            statistics.Add(new DomainStatistics
            {
                DomainId = domain.DomainId,
                PointCount = domain.PointCount,
                SizeBytes = domain.SizeBytes,
                Share = map.TotalPoints == 0 ? 0 : (double)domain.PointCount / map.TotalPoints,
                Cohesion = domain.Cohesion,
                MeanDistanceToCentroid = MeanDistance(domain, map),
                NearestDomainId = nearest.DomainId ?? "",
                NearestDomainDistance = nearest.DomainId is null ? 0 : nearest.Distance,
                CentroidDrift = double.IsNaN(drift) ? 0 : drift,
                // A domain new in this version has no growth to report, as it has no drift: 0 for both.
                GrowthPointsPerHour = old is null || hours <= 0 ? 0 : ((double)domain.PointCount - old.PointCount) / hours,
            });
        }

        return statistics;
    }

    /// <summary>
    /// The map keeps cohesion and radius, not member distances. For cosine the mean distance is exact: the mean of
    /// 1 − cos over the members is 1 − cohesion (up to the clamp). For Euclidean spaces, members of a domain spread
    /// about a centroid like a d-dimensional normal with deviation σ lie at a distance of mean ≈ σ√d and deviation
    /// ≈ σ/√2, so the 95th percentile (the radius) is ≈ σ(√d + 1.645/√2) and the mean ≈ radius · √d / (√d + 1.163).
    /// </summary>
    private static double MeanDistance(Domain domain, DomainMap map)
    {
        if (map.Distance == Distance.Cosine)
        {
            return 1 - domain.Cohesion;
        }

        var root = Math.Sqrt(Math.Max(1, map.Dimension));
        return domain.Radius * root / (root + (1.645 / Math.Sqrt(2)));
    }
}
