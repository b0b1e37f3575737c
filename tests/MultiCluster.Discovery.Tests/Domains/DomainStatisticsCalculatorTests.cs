using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Domains;
using Xunit;
using static MultiCluster.Discovery.Tests.Domains.DomainTestData;

namespace MultiCluster.Discovery.Tests.Domains;

public sealed class DomainStatisticsCalculatorTests
{
    [Fact]
    public void Statistics_give_share_separation_drift_and_hourly_growth_per_domain()
    {
        var previous = Map(1, Distance.Cosine, Domain("d0001", [1, 0], 1000), Domain("d0002", [0, 1], 1000));
        var map = Map(3, Distance.Cosine,
            Domain("d0001", [0.8f, 0.6f], 1400, cohesion: 0.75),
            Domain("d0002", [0, 1], 1000),
            Domain("d0003", [-1, 0], 400));

        var statistics = DomainStatisticsCalculator.Compute(map, previous);

        Assert.Equal(["d0001", "d0002", "d0003"], statistics.Select(s => s.DomainId));
        var first = statistics[0];
        Assert.Equal(0.5, first.Share, 9);
        Assert.Equal(0.25, first.MeanDistanceToCentroid, 9);
        Assert.Equal(("d0002", 0.4), (first.NearestDomainId, Math.Round(first.NearestDomainDistance, 6)));
        Assert.Equal(0.2, first.CentroidDrift, 6);
        // Versions 1 and 3 were stored two hours apart: 400 more points is 200 an hour.
        Assert.Equal(200, first.GrowthPointsPerHour, 9);
        Assert.Equal((0.0, 0.0), (statistics[2].CentroidDrift, statistics[2].GrowthPointsPerHour));
        Assert.Equal(0.0, statistics[1].GrowthPointsPerHour);
    }

    [Fact]
    public void Euclidean_mean_distance_is_estimated_from_the_radius_and_dimension()
    {
        var map = Map(1, Distance.Euclid, Domain("d0001", new float[100], 10, radius: 11.163), Domain("d0002", Enumerable.Repeat(1f, 100).ToArray(), 10));

        var statistics = DomainStatisticsCalculator.Compute(map, null);

        // √100 = 10: mean ≈ radius · 10 / (10 + 1.163).
        Assert.Equal(10, statistics[0].MeanDistanceToCentroid, 3);
        Assert.Equal(10, statistics[0].NearestDomainDistance, 5);
        Assert.Equal(0.0, statistics[0].CentroidDrift);
    }
}
