using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Domains;
using Xunit;
using static MultiCluster.Discovery.Tests.Domains.DomainTestData;

namespace MultiCluster.Discovery.Tests.Domains;

public sealed class MappingValidatorTests
{
    private static readonly float[][] Centers = [[10, 0], [0, 10], [-10, 0]];

    [Fact]
    public void A_map_that_fits_its_fresh_sample_is_valid_without_issues()
    {
        var (rows, map) = Fitted(Centers, [300, 300, 300]);

        var response = Validate(map, rows);

        Assert.True(response.Valid);
        Assert.Empty(response.Issues);
        Assert.InRange(response.Quality.Coverage, 0.9, 1);
        Assert.InRange(response.Quality.MeanCohesion, 0.99, 1);
        Assert.Equal(1.0 / 3, response.Quality.LargestDomainShare, 6);
        Assert.Equal((900U, 0.42, 0.0), (response.Quality.SampledPoints, response.Quality.SilhouetteScore, response.Quality.MisplacedFraction));
    }

    [Fact]
    public void A_domain_drawing_more_than_the_allowed_share_is_an_error()
    {
        var (rows, map) = Fitted(Centers, [800, 100, 100]);

        var response = Validate(map, rows);

        Assert.False(response.Valid);
        var issue = response.Issues[0];
        Assert.Equal((IssueSeverity.Error, "DOMAIN_TOO_LARGE", map.Domains[0].DomainId), (issue.Severity, issue.Code, issue.Subject));
        Assert.StartsWith("d0001 draws 80% of the fresh sample, above max_domain_share 50%", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Domains_too_small_for_the_threshold_are_warned_about()
    {
        var (rows, map) = Fitted(Centers, [300, 300, 300]);

        var response = Validate(map, rows, new DomainThresholds { MinDomainPoints = 5000 });

        Assert.True(response.Valid);
        Assert.Equal(3, response.Issues.Count(i => i.Code == "DOMAIN_TOO_SMALL" && i.Severity == IssueSeverity.Warning));
        Assert.Contains("below min_domain_points 5,000", response.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loose_domain_is_flagged_for_low_cohesion()
    {
        // The third domain's rows spread ±20° around it; the others are tight.
        var (rows, labels) = Blobs(Centers, [300, 300, 300], 0.3);
        for (var i = 0; i < rows.Count; i++)
        {
            if (labels[i] == 2)
            {
                rows.Row(i)[1] *= 12;
            }
        }

        var response = Validate(FittedMap(rows, labels, 3), rows, new DomainThresholds { MinCohesion = 0.97 });

        var issue = Assert.Single(response.Issues, i => i.Code == "LOW_COHESION");
        Assert.Equal(("d0003", IssueSeverity.Warning), (issue.Subject, issue.Severity));
    }

    [Fact]
    public void Overlapping_domains_are_flagged_for_poor_separation()
    {
        var (rows, map) = Fitted([[10, 0], [10.5f, 0], [-10, 0]], [300, 300, 300]);

        var response = Validate(map, rows);

        var issue = Assert.Single(response.Issues, i => i.Code == "POOR_SEPARATION");
        Assert.StartsWith("d0001 and d0002 overlap", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fresh_points_outside_the_radii_are_low_coverage()
    {
        var (rows, map) = Fitted(Centers, [300, 300, 300]);
        foreach (var d in map.Domains)
        {
            d.Radius /= 10;
        }

        var response = Validate(map, rows);

        Assert.False(response.Valid);
        Assert.Equal(("LOW_COVERAGE", IssueSeverity.Error), (response.Issues[0].Code, response.Issues[0].Severity));
        Assert.InRange(response.Quality.Coverage, 0, 0.1);
    }

    [Fact]
    public void Points_stored_in_another_domain_than_the_map_assigns_are_misplaced()
    {
        var (rows, map) = Fitted(Centers, [300, 300, 300]);
        var stored = Enumerable.Range(0, rows.Count).Select(i => i % 10 < 3 ? "unassigned" : i % 10 == 3 ? null : map.Domains[i / 300].DomainId).ToList();

        var response = MappingValidator.Validate(map, Sample(rows) with { StoredDomains = stored }, new DomainThresholds(), (_, _) => 0.42);

        // 3 in 10 rows are in "unassigned", 1 in 10 of unknown origin: 3 of the 9 known are misplaced.
        Assert.Equal(1.0 / 3, response.Quality.MisplacedFraction, 6);
        Assert.Equal(("MISPLACED_POINTS", IssueSeverity.Error), (response.Issues[0].Code, response.Issues[0].Severity));
    }

    [Fact]
    public void One_domain_far_larger_than_the_mean_is_imbalance_and_issues_come_most_severe_first()
    {
        var centers = Enumerable.Range(0, 10).Select(i => new[] { (float)(10 * Math.Cos(i * Math.PI / 5)), (float)(10 * Math.Sin(i * Math.PI / 5)) }).ToArray();
        var (rows, map) = Fitted(centers, [450, .. Enumerable.Repeat(61, 9)]);
        foreach (var d in map.Domains.Skip(1))
        {
            d.Radius /= 10;
        }

        var response = Validate(map, rows, new DomainThresholds { MinSilhouette = 0.5 });

        Assert.Contains(response.Issues, i => i.Code == "IMBALANCED_DOMAINS" && i.Message.Contains("45%", StringComparison.Ordinal));
        Assert.Contains(response.Issues, i => i.Code == "LOW_SILHOUETTE");
        Assert.Equal(response.Issues.OrderByDescending(i => i.Severity).Select(i => i.Severity), response.Issues.Select(i => i.Severity));
        Assert.Equal(IssueSeverity.Error, response.Issues[0].Severity);
    }

    private static ValidateDomainMappingResponse Validate(DomainMap map, VectorSet rows, DomainThresholds? thresholds = null) =>
        MappingValidator.Validate(map, Sample(rows), thresholds ?? new DomainThresholds(), (_, _) => 0.42);

    /// <summary>Fresh rows around the centers and a map built from other rows drawn the same way.</summary>
    private static (VectorSet Rows, DomainMap Map) Fitted(float[][] centers, int[] counts)
    {
        var (built, labels) = Blobs(centers, counts, 0.3, seed: 1);
        var (fresh, _) = Blobs(centers, counts, 0.3, seed: 2);
        return (fresh, FittedMap(built, labels, centers.Length));
    }

    private static DomainMap FittedMap(VectorSet rows, int[] labels, int clusters)
    {
        var map = DomainMapBuilder.Build(new LibraryShape("lib", rows.Dimension, Distance.Euclid, rows.Count * 10L), Sample(rows), Result(rows, labels, clusters), null, Options(), 0.42);
        map.Version = 3;
        return map;
    }
}
