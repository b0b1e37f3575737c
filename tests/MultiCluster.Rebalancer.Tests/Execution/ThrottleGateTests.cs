using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Storage;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.Execution;

public sealed class ThrottleGateTests
{
    private static readonly AdaptiveThrottle Throttle = new() { TargetLatencyP99Ms = 100, MaxErrorRate = 0.05 };

    [Fact]
    public void A_move_runs_while_source_and_target_are_within_the_throttle_whatever_other_clusters_do()
    {
        var loads = new[] { new CurrentLoad("a", 10, 99, 0.05), new CurrentLoad("b", 10, 50, 0), new CurrentLoad("c", 10, 900, 0.9) };

        Assert.Null(ThrottleGate.Verdict(Throttle, "a", "b", loads));
    }

    [Fact]
    public void A_move_holds_naming_each_cluster_over_the_latency_or_the_error_rate()
    {
        var loads = new[] { new CurrentLoad("a", 10, 250, 0), new CurrentLoad("b", 10, 20, 0.2) };

        Assert.Equal("a p99 250 ms > 100 ms; b error rate 0.2 > 0.05", ThrottleGate.Verdict(Throttle, "a", "b", loads));
    }

    [Fact]
    public void A_cluster_without_reports_does_not_hold_a_move()
    {
        Assert.Null(ThrottleGate.Verdict(Throttle, "a", "b", []));
    }
}
