using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Placement;
using Xunit;

namespace MultiCluster.Specialization.Tests.Placement;

public sealed class PolicyAndMapTests
{
    [Fact]
    public void ResolvedPolicy_TakesTheLibrarysValue_ThenTheDefaultPolicys_ThenTheBuiltIn()
    {
        var own = new SpecializationPolicy { ReplicaCount = 2 };
        var fallback = new SpecializationPolicy { ReplicaCount = 1, Strategy = OptimizationStrategy.Memory, PreferredRegions = { "eu-1" } };

        var resolved = ResolvedPolicy.Resolve(own, fallback, new SpecializationOptions { MigrationBatchSize = 700 });

        Assert.Equal((OptimizationStrategy.Memory, 2, 0.85, 2, 700), (resolved.Strategy, resolved.ReplicaCount, resolved.MaxFillRatio, resolved.MaxParallelMigrations, resolved.MigrationBatchSize));
        Assert.Equal(["eu-1"], resolved.PreferredRegions);
        Assert.Equal(OptimizationStrategy.Latency, resolved.StrategyFor(OptimizationStrategy.Latency));
    }

    [Fact]
    public void Leaves_LeaveOutParentDomains()
    {
        var map = new DomainMap { Domains = { new Domain { DomainId = "p" }, new Domain { DomainId = "c1", ParentDomainId = "p" }, new Domain { DomainId = "c2", ParentDomainId = "p" }, new Domain { DomainId = "x" } } };

        Assert.Equal(["c1", "c2", "x"], DomainMaps.Leaves(map).Select(d => d.DomainId));
    }

    [Fact]
    public void AMapFromAnEvent_IsNotWhole_UntilDiscoveryGivesCentroidsAndDimension()
    {
        var fromEvent = DomainMaps.FromEvent(new DomainsDiscoveredEvent { Library = "l", MapVersion = 2, Domains = { new Domain { DomainId = "d1", PointCount = 5 } } });
        var whole = fromEvent.Clone();
        whole.Dimension = 2;
        whole.Domains[0].Centroid.Add([1f, 0f]);

        Assert.False(DomainMaps.IsWhole(fromEvent));
        Assert.True(DomainMaps.IsWhole(whole));
        Assert.Equal((2UL, true), (fromEvent.Version, fromEvent.Published));
    }

    [Fact]
    public void HistoryPageToken_RoundTrips_AndIsRefusedUnderOtherFilters()
    {
        var position = new MultiCluster.Specialization.History.HistoryPosition(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), 42);
        var token = position.ToToken("lib|1|");

        Assert.Equal(position, MultiCluster.Specialization.History.HistoryPosition.FromToken(token, "lib|1|"));
        var other = Assert.Throws<SpecializationException>(() => MultiCluster.Specialization.History.HistoryPosition.FromToken(token, "lib|2|"));
        Assert.StartsWith("pagination.page_token:", other.Message, StringComparison.Ordinal);
        Assert.Throws<SpecializationException>(() => MultiCluster.Specialization.History.HistoryPosition.FromToken("not-a-token", "lib|1|"));
    }
}
