using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Domains;
using Xunit;
using static MultiCluster.Discovery.Tests.Domains.DomainTestData;

namespace MultiCluster.Discovery.Tests.Domains;

public sealed class PatternDetectorTests
{
    private static readonly DomainThresholds Defaults = new();

    private static DomainMap Before() => Map(1, Distance.Euclid,
        Domain("d0001", [0, 0], 1000, radius: 0.5),
        Domain("d0002", [1, 0], 1000, radius: 0.5),
        Domain("d0003", [0, 5], 1000, radius: 0.5));

    [Fact]
    public void Identical_maps_show_no_patterns()
    {
        var older = Before();
        var newer = Before();
        newer.Version = 2;

        Assert.Empty(PatternDetector.Compare(older, newer, Defaults));
    }

    [Fact]
    public void A_moved_centroid_is_drift_toward_the_domain_it_approached()
    {
        var newer = Map(2, Distance.Euclid,
            Domain("d0001", [0.3f, 0], 1000, radius: 0.5),
            Domain("d0002", [1, 0], 1000, radius: 0.5),
            Domain("d0003", [0, 5], 1000, radius: 0.5));

        var pattern = Assert.Single(PatternDetector.Compare(Before(), newer, Defaults));

        Assert.Equal(PatternKind.Drift, pattern.Kind);
        Assert.Equal(["d0001", "d0002"], pattern.DomainIds);
        Assert.Equal(0.3, pattern.Magnitude, 5);
        Assert.Equal("d0001 moved 0.30 toward d0002", pattern.Description);
        Assert.Equal((1UL, 2UL, newer.CreatedAt), (pattern.FromVersion, pattern.ToVersion, pattern.DetectedAt));
        Assert.InRange(pattern.Confidence, 0.9, 1);
    }

    [Fact]
    public void Count_changes_beyond_a_quarter_are_growth_and_decline_as_ratios()
    {
        var newer = Map(2, Distance.Euclid,
            Domain("d0001", [0, 0], 2000, radius: 0.5),
            Domain("d0002", [1, 0], 500, radius: 0.5),
            Domain("d0003", [0, 5], 1100, radius: 0.5));

        var patterns = PatternDetector.Compare(Before(), newer, Defaults);

        Assert.Equal(2, patterns.Count);
        Assert.Equal((PatternKind.Growth, "d0001", 1.0), (patterns[0].Kind, patterns[0].DomainIds.Single(), patterns[0].Magnitude));
        Assert.Equal((PatternKind.Decline, "d0002", 0.5), (patterns[1].Kind, patterns[1].DomainIds.Single(), patterns[1].Magnitude));
    }

    [Fact]
    public void Confidence_grows_with_the_sample_behind_the_change()
    {
        var newer = Map(2, Distance.Euclid,
            Domain("d0001", [0, 0], 1300, radius: 0.5),
            Domain("d0002", [1, 0], 1000, radius: 0.5),
            Domain("d0003", [0, 5], 1000, radius: 0.5));
        var (smallOld, smallNew) = (Before(), newer.Clone());
        smallOld.SampledPoints = smallNew.SampledPoints = 60;

        var large = PatternDetector.Compare(Before(), newer, Defaults).Single();
        var small = PatternDetector.Compare(smallOld, smallNew, Defaults).Single();

        Assert.Equal(PatternKind.Growth, large.Kind);
        Assert.True(large.Confidence > 0.95, $"{large.Confidence}");
        Assert.True(small.Confidence < large.Confidence - 0.2, $"{small.Confidence} vs {large.Confidence}");
    }

    [Fact]
    public void An_old_domain_replaced_by_several_nearby_ones_is_a_split()
    {
        var newer = Map(2, Distance.Euclid,
            Domain("d0002", [1, 0], 1000, radius: 0.5),
            Domain("d0003", [0, 5], 1000, radius: 0.5),
            Domain("d0004", [-0.2f, 0], 500, radius: 0.3),
            Domain("d0005", [0, 0.25f], 500, radius: 0.3));

        var pattern = Assert.Single(PatternDetector.Compare(Before(), newer, Defaults));

        Assert.Equal(PatternKind.Split, pattern.Kind);
        Assert.Equal(["d0001", "d0004", "d0005"], pattern.DomainIds);
        Assert.Equal(2, pattern.Magnitude);
    }

    [Fact]
    public void A_shrunken_domain_with_a_new_neighbour_split_off()
    {
        var newer = Map(2, Distance.Euclid,
            Domain("d0001", [-0.1f, 0], 500, radius: 0.3),
            Domain("d0002", [1, 0], 1000, radius: 0.5),
            Domain("d0003", [0, 5], 1000, radius: 0.5),
            Domain("d0004", [0, 0.25f], 500, radius: 0.3));

        var patterns = PatternDetector.Compare(Before(), newer, Defaults);

        Assert.Equal([PatternKind.Decline, PatternKind.Split], patterns.Select(p => p.Kind));
        Assert.Equal(["d0001", "d0001", "d0004"], patterns[1].DomainIds);
    }

    [Fact]
    public void Domains_that_vanish_into_one_that_grew_are_a_merge()
    {
        var newer = Map(2, Distance.Euclid,
            Domain("d0001", [0.1f, 0], 2000, radius: 1),
            Domain("d0003", [0, 5], 1000, radius: 0.5));

        var patterns = PatternDetector.Compare(Before(), newer, Defaults);

        Assert.Equal([PatternKind.Growth, PatternKind.Merge], patterns.Select(p => p.Kind));
        Assert.Equal(["d0001", "d0002"], patterns[1].DomainIds);
        Assert.Equal("d0001, d0002 merged into d0001", patterns[1].Description);
    }

    [Fact]
    public void Unrelated_new_and_vanished_domains_are_emergence_and_disappearance()
    {
        var newer = Map(2, Distance.Euclid,
            Domain("d0001", [0, 0], 1000, radius: 0.5),
            Domain("d0002", [1, 0], 1000, radius: 0.5),
            Domain("d0004", [-5, -5], 1000, radius: 0.5));

        var patterns = PatternDetector.Compare(Before(), newer, Defaults);

        Assert.Equal([PatternKind.Emergence, PatternKind.Disappearance], patterns.Select(p => p.Kind));
        Assert.Equal("d0004", patterns[0].DomainIds.Single());
        Assert.Equal("d0003", patterns[1].DomainIds.Single());
        Assert.Equal(1.0 / 3, patterns[1].Magnitude, 6);
        Assert.InRange(patterns[0].Confidence, 0.99, 1);
    }
}
