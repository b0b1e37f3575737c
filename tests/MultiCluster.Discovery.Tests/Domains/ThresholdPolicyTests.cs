using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Domains;
using Xunit;
using static MultiCluster.Discovery.Tests.Domains.DomainTestData;

namespace MultiCluster.Discovery.Tests.Domains;

public sealed class ThresholdPolicyTests
{
    [Fact]
    public void Zero_thresholds_resolve_to_the_documented_defaults()
    {
        var resolved = ThresholdPolicy.Resolve(new DomainThresholds());

        Assert.Equal(0.3, resolved.MinCohesion);
        Assert.Equal(100UL, resolved.MinDomainPoints);
        Assert.Equal(0UL, resolved.MaxDomainPoints);
        Assert.Equal(0.5, resolved.MaxDomainShare);
        Assert.Equal(0, resolved.MinSilhouette);
        Assert.Equal(0.15, resolved.DriftDistance);
        Assert.Equal(0.1, resolved.MaxUnassignedFraction);
    }

    [Fact]
    public void Set_thresholds_are_kept()
    {
        var given = new DomainThresholds { MinCohesion = 0.5, MinDomainPoints = 7, MaxDomainPoints = 9, MaxDomainShare = 0.2, MinSilhouette = -0.1, DriftDistance = 0.05, MaxUnassignedFraction = 0.3 };

        Assert.Equal(given, ThresholdPolicy.Resolve(given));
    }

    [Fact]
    public void A_map_within_the_thresholds_has_no_failures()
    {
        var map = Map(1, Distance.Cosine, Domain("d0001", [1, 0], 500), Domain("d0002", [0, 1], 500));

        Assert.Empty(ThresholdPolicy.Failures(map, ThresholdPolicy.Resolve(new DomainThresholds())));
    }

    [Fact]
    public void Failures_name_the_domain_the_measured_value_and_the_threshold()
    {
        var map = Map(1, Distance.Cosine, Domain("d0001", [1, 0], 380, cohesion: 0.21), Domain("d0004", [0, 1], 620));
        map.UnassignedFraction = 0.18;
        map.SilhouetteScore = 0.12;
        var resolved = ThresholdPolicy.Resolve(new DomainThresholds { MinSilhouette = 0.2, MaxDomainPoints = 600 });

        var failures = ThresholdPolicy.Failures(map, resolved);

        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("d0004 holds 62% of the library, above max_domain_share 50%", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("d0004 holds 620 points, above max_domain_points 600", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("d0001 has cohesion 0.21, below min_cohesion 0.30", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("silhouette is 0.12, below min_silhouette 0.20", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("18% of the sample is unassigned, above max_unassigned_fraction 10%", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Contains(": ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_small_domain_fails_until_it_is_merged_into_its_nearest_neighbour()
    {
        var map = Map(1, Distance.Euclid,
            Domain("d0001", [0, 0], 1000, radius: 1),
            Domain("d0002", [10, 0], 1000, radius: 1),
            Domain("d0003", [9, 0], 50, radius: 0.5));
        var resolved = ThresholdPolicy.Resolve(new DomainThresholds { MaxDomainShare = 0.9 });
        Assert.Contains(ThresholdPolicy.Failures(map, resolved), f => f.StartsWith("d0003 holds 50 points, below min_domain_points 100", StringComparison.Ordinal));

        var refined = DomainMapRefiner.MergeSmall(map, resolved);

        Assert.Empty(ThresholdPolicy.Failures(refined, resolved));
        Assert.Equal(["d0001", "d0002"], refined.Domains.Select(d => d.DomainId));
        var merged = refined.Domains[1];
        Assert.Equal(1050UL, merged.PointCount);
        // The count-weighted mean, and a radius that still holds the small domain's members (9 − 0.5 from the new centroid).
        Assert.Equal((10 * 1000 + 9 * 50) / 1050.0, merged.Centroid[0], 4);
        Assert.True(merged.Radius >= merged.Centroid[0] - 8.5 - 1e-4);
        Assert.Equal(3, map.Domains.Count);
    }

    [Fact]
    public void A_single_small_domain_is_not_held_back_for_its_size()
    {
        var map = Map(1, Distance.Euclid, Domain("d0001", [0, 0], 40));
        var resolved = ThresholdPolicy.Resolve(new DomainThresholds { MaxDomainShare = 1 });

        Assert.Empty(ThresholdPolicy.Failures(map, resolved));
        Assert.Single(DomainMapRefiner.MergeSmall(map, resolved).Domains);
    }
}
