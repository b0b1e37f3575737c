using MultiCluster.Rebalancer.Forecasting;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.Forecasting;

public sealed class ParameterSearchTests
{
    [Fact]
    public void FindsTheMinimumOfABowl_WithinTheFinestStep()
    {
        var best = ParameterSearch.Minimize(3, w => Math.Pow(w[0] - 0.237, 2) + Math.Pow(w[1] - 0.81, 2) + Math.Pow(w[2] - 0.05, 2));

        Assert.All(best.Zip([0.237, 0.81, 0.05]), p => Assert.InRange(p.First, p.Second - 0.005, p.Second + 0.005));
    }

    [Fact]
    public void StaysWithinTheUnitInterval_WhenTheMinimumLiesOutside()
    {
        var best = ParameterSearch.Minimize(1, w => Math.Pow(w[0] - 1.7, 2));

        Assert.Equal(1, best[0]);
    }
}
