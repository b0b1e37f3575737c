using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Thresholds;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.Analysis;

/// <summary>The imbalance measures on examples computed by hand.</summary>
public sealed class ImbalanceAnalyzerTests
{
    private static readonly RebalancerOptions Options = new();
    private static readonly RebalancingThresholds Defaults = new ThresholdRules(Options).Defaults();

    private static ClusterObservation Cluster(string name, double rate, double p99 = 10, double error = 0, double fill = 0, long points = 100) =>
        new(name, rate, p99, error, fill, points);

    [Fact]
    public void OneClusterWithThreeTimesTheOthersLoad_IsNamedWithItsBusiestDomains()
    {
        // Rates 30, 10, 10, 10: mean 15, max/mean 2, variance (15² + 3 x 5²) / 4 = 75, cv = sqrt(75) / 15 = 0.57735.
        ClusterObservation[] clusters = [Cluster("a", 30), Cluster("b", 10), Cluster("c", 10), Cluster("d", 10)];
        DomainObservation[] domains = [new("a", "lib", "d1", 20), new("a", "lib", "d2", 8), new("a", "lib", "d3", 1.5), new("a", "lib", "d4", 0.5), new("b", "lib", "d5", 10)];

        var report = new ImbalanceAnalyzer(Options).Analyze(clusters, domains, Defaults);

        Assert.Equal(15, report.Load.Mean, 9);
        Assert.Equal(2, report.Load.MaxOverMean, 9);
        Assert.Equal(Math.Sqrt(75) / 15, report.Load.CoefficientOfVariation, 9);
        Assert.True(report.Load.Exceeded);
        Assert.Equal(["a"], report.Load.Responsible);
        var hot = Assert.Single(report.Violations, v => v.Code == "CLUSTER_OVERLOADED");
        Assert.Equal("a", hot.Subject);
        Assert.Contains("lib/d1 20/s, lib/d2 8/s, lib/d3 1.5/s", hot.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lib/d4", hot.Message, StringComparison.Ordinal);
        Assert.Contains(report.Violations, v => v.Code == "LOAD_IMBALANCE" && v.Subject == "global" && v.Message.Contains("0.577", StringComparison.Ordinal));
    }

    [Fact]
    public void EvenClusters_ExceedNothing()
    {
        var report = new ImbalanceAnalyzer(Options).Analyze([Cluster("a", 10), Cluster("b", 10), Cluster("c", 10)], [], Defaults);

        Assert.Equal((0.0, 1.0), (report.Load.CoefficientOfVariation, report.Load.MaxOverMean));
        Assert.False(report.ExceedsThresholds);
        Assert.Empty(report.Violations);
    }

    [Fact]
    public void FillRatios_AreMeasuredWhenEveryClusterHasACapacity_AndAFullOneIsAnError()
    {
        // Fills 0.9, 0.3, 0.3: mean 0.5, variance (0.4² + 2 x 0.2²) / 3 = 0.08, cv = sqrt(0.08) / 0.5 = 0.565685.
        ClusterObservation[] clusters = [Cluster("a", 10, fill: 0.9, points: 1), Cluster("b", 10, fill: 0.3, points: 1000), Cluster("c", 10, fill: 0.3, points: 1000)];

        var report = new ImbalanceAnalyzer(Options).Analyze(clusters, [], Defaults);

        Assert.Equal(Math.Sqrt(0.08) / 0.5, report.Size.CoefficientOfVariation, 9);
        Assert.Equal(["a"], report.Size.Responsible);
        Assert.Contains(report.Violations, v => v.Code == "FILL_RATIO_HIGH" && v.Subject == "a" && v.Severity == IssueSeverity.Error);
    }

    [Fact]
    public void WithoutCapacities_PointCountsAreMeasured_AndADownClusterTakesNoPart()
    {
        // Points 300, 100 (the down cluster's 0 left out): mean 200, sd 100, cv 0.5.
        ClusterObservation[] clusters = [Cluster("a", 1, points: 300), Cluster("b", 1, points: 100), new("c", 1, 10, 0, 0, 0, Sized: false)];

        var report = new ImbalanceAnalyzer(Options).Analyze(clusters, [], Defaults);

        Assert.Equal(0.5, report.Size.CoefficientOfVariation, 9);
        Assert.Equal(1.5, report.Size.MaxOverMean, 9);
    }

    [Fact]
    public void ALatencyFarAboveTheOthers_IsDegraded_EvenBelowTheAbsoluteLimit()
    {
        // p99 20, 20, 20, 200: mean 65; 200 > 65 + 100 (the seeds' latency_degradation) though below 250 ms.
        ClusterObservation[] clusters = [Cluster("a", 1, 20), Cluster("b", 1, 20), Cluster("c", 1, 20), Cluster("d", 1, 200)];

        var report = new ImbalanceAnalyzer(Options).Analyze(clusters, [], Defaults);

        Assert.Equal(["d"], report.Latency.Responsible);
        Assert.Equal(65, report.Latency.Mean, 9);
        Assert.Contains(report.Violations, v => v.Code == "LATENCY_HIGH" && v.Subject == "d");
    }

    [Fact]
    public void ALatencyAboveTheLimit_AndAnErrorRateAboveItsLimit_AreNamed()
    {
        ClusterObservation[] clusters = [Cluster("a", 1, 300), Cluster("b", 1, 280, error: 0.1)];

        var report = new ImbalanceAnalyzer(Options).Analyze(clusters, [], Defaults);

        Assert.Equal(["a", "b"], report.Latency.Responsible);
        Assert.Contains(report.Violations, v => v.Code == "ERROR_RATE_HIGH" && v.Subject == "b");
    }

    [Fact]
    public void NoLoadAnywhere_IsNotAnImbalance()
    {
        var measured = DimensionImbalance.Measure("load", [("a", 0), ("b", 0)], 0.3);

        Assert.Equal((0.0, false), (measured.CoefficientOfVariation, measured.Exceeded));
    }
}
