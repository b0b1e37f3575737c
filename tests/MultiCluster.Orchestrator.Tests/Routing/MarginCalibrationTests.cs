using MultiCluster.Orchestrator.Routing;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.Routing;

public sealed class MarginCalibrationTests
{
    // Each query's true neighbours sit in its closest domain, except every fourth query, which has half of them in its
    // second domain, 0.2 behind; a third domain, 0.6 behind, never holds any.
    private static List<CalibrationQuery> Sample(int count) =>
    [
        .. Enumerable.Range(0, count).Select(q =>
        {
            var ranked = new List<DomainScore> { new("near", 0.9, 0.9, 100), new("second", 0.7, 0.7, 100), new("far", 0.3, 0.3, 100) };
            var split = q % 4 == 0;
            var near = Enumerable.Range(0, 10).Select(i => ($"q{q}n{i}", 1.0 - (i * 0.01))).ToList();
            var second = Enumerable.Range(0, 10).Select(i => ($"q{q}s{i}", split ? 0.995 - (i * 0.02) : 0.5 - (i * 0.01))).ToList();
            var far = Enumerable.Range(0, 10).Select(i => ($"q{q}f{i}", 0.1 - (i * 0.01))).ToList();
            return new CalibrationQuery(ranked, new Dictionary<string, IReadOnlyList<(string, double)>>
            {
                ["near"] = near, ["second"] = second, ["far"] = far,
            });
        }),
    ];

    [Fact]
    public void ATargetThatOneDomainCannotMeet_GetsAMarginReachingTheSecond_ButNotTheThird()
    {
        var result = MarginCalibration.Calibrate(Sample(40), 0.99);

        Assert.InRange(result.Margin, 0.2 - 1e-9, 0.6 - 1e-9);
        Assert.Equal(1.0, result.HeldOutRecall, 6);
        Assert.Equal(2.0, result.MeanDomainsProbed, 6);
        Assert.Equal(20, result.HeldOutQueries);
    }

    [Fact]
    public void ALowTarget_IsMetByTheClosestDomainAlone()
    {
        var result = MarginCalibration.Calibrate(Sample(40), 0.8);

        Assert.Equal(0, result.Margin);
        Assert.Equal(1.0, result.MeanDomainsProbed, 6);
        Assert.True(result.HeldOutRecall >= 0.8, $"held-out recall {result.HeldOutRecall}");
    }

    [Fact]
    public void Recall_CountsTheExhaustiveTopTenFoundInTheProbedDomains()
    {
        var query = Sample(1)[0];

        Assert.Equal(0.7, MarginCalibration.Recall(query, 0), 6);
        Assert.Equal(1.0, MarginCalibration.Recall(query, 0.21), 6);
    }
}
