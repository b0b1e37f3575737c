using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Snapshots;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.Routing;

public sealed class QueryRouterTests
{
    // d0 on x, d1 close to x, d2 on y, d3 on z.
    private static readonly float[][] Centroids = [[1, 0, 0], [0.9f, 0.3f, 0], [0, 1, 0], [0, 0, 1]];
    private static readonly string[][] Copies = [["a", "b"], ["b"], ["c"], ["a"]];
    private static readonly LibrarySnapshot Library = RouterWorld.Snapshot(Centroids, Copies);

    [Fact]
    public void Adaptive_ProbesTheDomainsWithinTheMarginOfTheBest_AndNoOthers()
    {
        var plan = RouterWorld.Route(Library, [1, 0.05f, 0], margin: 0.1);

        Assert.Equal(["d0", "d1"], plan.DomainIds);
        var candidates = plan.Decision.Candidates;
        Assert.Equal(["d0", "d1", "d2", "d3"], candidates.Select(c => c.DomainId));
        Assert.Equal([true, true, false, false], candidates.Select(c => c.Selected));
        Assert.Contains("beyond the margin", candidates[2].Reason, StringComparison.Ordinal);
        Assert.Contains("calibrated margin", plan.Decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Adaptive_WithAZeroMargin_ProbesOnlyTheClosestDomain()
    {
        var plan = RouterWorld.Route(Library, [0, 1, 0.1f], margin: 0);

        Assert.Equal(["d2"], plan.DomainIds);
    }

    [Fact]
    public void WithoutCalibration_TheSafeDefaultIsUsed_AndTheExplanationSaysSo()
    {
        var plan = RouterWorld.Route(Library, [1, 0.05f, 0], margin: null);

        Assert.Contains("d0", plan.DomainIds);
        Assert.Contains("d1", plan.DomainIds);
        Assert.Contains("no calibration yet", plan.Decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxDomainsHint_CapsTheDomains_WithTheRankAsReason()
    {
        var plan = RouterWorld.Route(Library, [1, 0.5f, 0.2f], new RoutingHints { MaxDomains = 2 }, margin: 10);

        Assert.Equal(2, plan.DomainIds.Count);
        Assert.Contains(plan.Decision.Candidates, c => !c.Selected && c.Reason.StartsWith("rank 3 > max_domains 2", StringComparison.Ordinal));
    }

    [Fact]
    public void NamedDomains_AreExactlyTheOnesSearched()
    {
        var hints = new RoutingHints();
        hints.DomainIds.Add("d3");
        var plan = RouterWorld.Route(Library, [1, 0, 0], hints);

        Assert.Equal(["d3"], plan.DomainIds);
    }

    [Fact]
    public void SimilarityFloor_SkipsDomainsBelowIt()
    {
        var plan = RouterWorld.Route(Library, [1, 0.05f, 0], new RoutingHints { MinDomainSimilarity = 0.99 }, margin: 10);

        Assert.Equal(["d0"], plan.DomainIds);
        Assert.Contains(plan.Decision.Candidates, c => c.Reason.Contains("< floor 0.99", StringComparison.Ordinal));
    }

    [Fact]
    public void Broadcast_SearchesEveryDomain_AndUnassignedWhileItHoldsPoints()
    {
        var plan = RouterWorld.Route(Library, [1, 0, 0], new RoutingHints { Strategy = RoutingStrategy.Broadcast }, unassignedHasPoints: true);

        Assert.Equal(["d0", "d1", "d2", "d3", "unassigned"], plan.DomainIds);
        Assert.Equal(RoutingStrategy.Broadcast, plan.Decision.Strategy);
    }

    [Fact]
    public void Unassigned_IsSearchedWhileItHoldsPoints_UnlessExcluded()
    {
        Assert.Contains("unassigned", RouterWorld.Route(Library, [1, 0, 0], unassignedHasPoints: true).DomainIds);
        Assert.DoesNotContain("unassigned", RouterWorld.Route(Library, [1, 0, 0], unassignedHasPoints: false).DomainIds);
        Assert.DoesNotContain("unassigned", RouterWorld.Route(Library, [1, 0, 0], new RoutingHints { ExcludeUnassigned = true }, unassignedHasPoints: true).DomainIds);
    }

    [Fact]
    public void BeforeAnyPlacement_EverythingGoesToUnassignedOnTheDefaultCluster()
    {
        var library = new LibrarySnapshot(new Library { Name = "fresh", Dimension = 3, Distance = Distance.Cosine }, null, null);

        var plan = RouterWorld.Route(library, [1, 0, 0]);

        var target = Assert.Single(plan.Targets);
        Assert.Equal(("unassigned", "fresh__unassigned", "a"), (target.DomainId, target.Collection, target.Cluster));
    }

    [Fact]
    public void DomainAffinity_ReadsThePrimary_AndKeepsTheReplicaForHedging()
    {
        var plan = RouterWorld.Route(Library, [1, 0, 0], new RoutingHints { Strategy = RoutingStrategy.DomainAffinity }, margin: 0);

        var target = Assert.Single(plan.Targets);
        Assert.Equal("a", target.Cluster);
        Assert.Equal(["b"], target.Alternates);
        Assert.StartsWith("primary", plan.Decision.Targets[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LeastLoaded_ReadsTheCopyWithFewerRequestsInFlight()
    {
        ClusterCondition Busy(string c) => new(c, c == "a" ? 40 : 1, 5, 5, CircuitState.Closed);
        var plan = RouterWorld.Route(Library, [1, 0, 0], new RoutingHints { Strategy = RoutingStrategy.LeastLoaded }, margin: 0, conditions: Busy);

        Assert.Equal("b", plan.Targets[0].Cluster);
        Assert.Equal("replica: 1 in flight vs 40 on a", plan.Decision.Targets[0].Reason);
    }

    [Fact]
    public void LowestLatency_ReadsTheCopyWithTheLowerP99()
    {
        ClusterCondition Slow(string c) => new(c, 0, 10, c == "a" ? 80 : 12, CircuitState.Closed);
        var plan = RouterWorld.Route(Library, [1, 0, 0], new RoutingHints { Strategy = RoutingStrategy.LowestLatency }, margin: 0, conditions: Slow);

        Assert.Equal("b", plan.Targets[0].Cluster);
        Assert.Equal(12, plan.Decision.Targets[0].LatencyP99Ms);
    }

    [Fact]
    public void AnOpenCircuit_SendsTheQueryToAnotherCopy_AndDropsItFromTheHedges()
    {
        ClusterCondition Broken(string c) => new(c, 0, 1, 1, c == "a" ? CircuitState.Open : CircuitState.Closed);
        var plan = RouterWorld.Route(Library, [1, 0, 0], new RoutingHints { Strategy = RoutingStrategy.DomainAffinity }, margin: 0, conditions: Broken);

        Assert.Equal("b", plan.Targets[0].Cluster);
        Assert.Empty(plan.Targets[0].Alternates);
    }

    [Fact]
    public void ClustersHint_KeepsOnlyCopiesOnThoseClusters()
    {
        var hints = new RoutingHints { Strategy = RoutingStrategy.DomainAffinity };
        hints.Clusters.Add(new ClusterRef { Name = "b" });
        var plan = RouterWorld.Route(Library, [1, 0.05f, 0], hints, margin: 0.1);

        Assert.All(plan.Targets, t => Assert.Equal("b", t.Cluster));
        Assert.Equal(["d0", "d1"], plan.DomainIds);
    }

    [Fact]
    public void AMigratingDomain_IsReadFromEverySideOfTheMove()
    {
        var moving = RouterWorld.Snapshot(Centroids, Copies, migrating: true);

        var plan = RouterWorld.Route(moving, [1, 0, 0], margin: 0);

        Assert.Equal(["a", "b"], plan.Targets.Select(t => t.Cluster).Order());
        Assert.All(plan.Targets, t => Assert.Empty(t.Alternates));
    }

    [Fact]
    public void TheSameInput_GivesTheSamePlan()
    {
        var first = RouterWorld.Route(Library, [0.3f, 0.3f, 0.3f], margin: 0.5);
        var second = RouterWorld.Route(Library, [0.3f, 0.3f, 0.3f], margin: 0.5);

        Assert.Equal(first.Decision, second.Decision);
        Assert.Equal(first.Targets, second.Targets, (x, y) => x.DomainId == y.DomainId && x.Cluster == y.Cluster && x.Alternates.SequenceEqual(y.Alternates));
    }
}
