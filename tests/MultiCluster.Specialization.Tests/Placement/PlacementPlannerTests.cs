using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Placement;
using Xunit;
using static MultiCluster.Specialization.Tests.Placement.PlanningInputs;

namespace MultiCluster.Specialization.Tests.Placement;

public sealed class PlacementPlannerTests
{
    [Fact]
    public void Balanced_PutsTheLargestDomainsFirstOntoTheLeastFilledCluster()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 3_000), Domain("d2", 2_000), Domain("d3", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000), Cluster("c", 10_000, basePoints: 500)]));

        var primaries = result.Plan.Placements.Where(p => p.DomainId != "unassigned").ToDictionary(p => p.DomainId, p => p.Primary.Name);
        Assert.Equal(new Dictionary<string, string> { ["d1"] = "a", ["d2"] = "b", ["d3"] = "c" }, primaries);
        Assert.Equal(0.30, result.Plan.ExpectedFillRatio["a"], 3);
        Assert.Equal(0.15, result.Plan.ExpectedFillRatio["c"], 3);
        Assert.Contains("largest free share: a, 30% filled after", result.Plan.Placements.Single(p => p.DomainId == "d1").Reason, StringComparison.Ordinal);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Memory_PacksDomainsDenselyOntoOneCluster()
    {
        var plan = PlacementPlanner.Plan(Input(
            [Domain("d1", 3_000), Domain("d2", 2_000), Domain("d3", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000)],
            strategy: OptimizationStrategy.Memory)).Plan;

        Assert.All(plan.Placements, p => Assert.Equal("a", p.Primary.Name));
        Assert.Equal(0.6, plan.ExpectedFillRatio["a"], 3);
        Assert.Equal(0, plan.ExpectedFillRatio["b"]);
    }

    [Fact]
    public void PreferredRegion_TakesPrimariesWhileItHasRoom_ThenOtherRegions()
    {
        var policy = Balanced with { PreferredRegions = ["eu-1"] };
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 6_000), Domain("d2", 6_000)],
            [Cluster("a", 10_000, region: "us-2"), Cluster("b", 10_000, region: "eu-1")],
            policy));

        var d1 = result.Plan.Placements.Single(p => p.DomainId == "d1");
        var d2 = result.Plan.Placements.Single(p => p.DomainId == "d2");
        Assert.Equal("b", d1.Primary.Name);
        Assert.Contains("in preferred region eu-1", d1.Reason, StringComparison.Ordinal);
        Assert.Equal("a", d2.Primary.Name);
        Assert.Contains("no cluster with room in preferred regions eu-1", d2.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_GoToOtherClustersWithRoom_AndAShortfallIsAWarning()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000), Cluster("c", 10_000, draining: true)],
            Balanced with { ReplicaCount = 2 }));

        var d1 = result.Plan.Placements.Single(p => p.DomainId == "d1");
        Assert.Equal("a", d1.Primary.Name);
        Assert.Equal(["b"], d1.Replicas.Select(r => r.Name));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(("REPLICAS_SHORT", "d1", IssueSeverity.Warning), (issue.Code, issue.Subject, issue.Severity));
        Assert.Contains("1 of 2 replicas", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADomainThatFitsNowhere_IsNamedWithTheClusterAndHowFarOverItWouldBe()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("big", 9_000), Domain("small", 1_000)],
            [Cluster("a", 10_000, basePoints: 1_000), Cluster("b", 10_000, basePoints: 2_000)]));

        Assert.False(result.NothingFits);
        Assert.DoesNotContain(result.Plan.Placements, p => p.DomainId == "big");
        var issue = Assert.Single(result.Issues);
        Assert.Equal(("CAPACITY_EXCEEDED", "big", IssueSeverity.Error), (issue.Code, issue.Subject, issue.Severity));
        Assert.Contains("the closest, a, would be 1,500 points over its limit of 8,500", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNoDomainFits_ThePlanSaysNothingFits()
    {
        var result = PlacementPlanner.Plan(Input([Domain("big", 9_000)], [Cluster("a", 1_000)]));

        Assert.True(result.NothingFits);
        Assert.Equal(["unassigned"], result.Plan.Placements.Select(p => p.DomainId));
    }

    [Fact]
    public void ADomainStaysOnItsPrimary_WhenThatIsNearlyAsGoodAsTheBest()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000, basePoints: 300)],
            current: [new CurrentPlacement("d1", "b", [])]));

        var d1 = result.Plan.Placements.Single(p => p.DomainId == "d1");
        Assert.Equal("b", d1.Primary.Name);
        Assert.StartsWith("stays on its primary b", d1.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Plan.Moves);
    }

    [Fact]
    public void AMovedPrimaryIsAMoveFromWhereItIs_ThenANewReplicasCopyBackWhenThePlanKeepsItAsAReplica()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000, basePoints: 5_000)],
            Balanced with { ReplicaCount = 1 },
            current: [new CurrentPlacement("d1", "b", [])],
            pins: new Dictionary<string, string> { ["d1"] = "a" }));

        // keep_source would leave the primary on b (the target becomes a replica): the primary moves, b's copy goes,
        // and b gets a replica's copy from the new primary.
        Assert.Equal(
            [("d1", "b", "a", false, MigrationKind.Move), ("d1", "a", "b", true, MigrationKind.AddReplica)],
            result.Plan.Moves.Select(m => (m.DomainId, m.Source.Name, m.Target.Name, m.KeepSource, QueuedMigrations.KindOf(result.Plan, m))));
        Assert.Equal(1_000UL, result.Plan.Moves[0].PointCount);
        Assert.StartsWith("primary b -> a: pinned to a by the request", result.Plan.Moves[0].Reason, StringComparison.Ordinal);
        Assert.Equal("new replica on b for d1", result.Plan.Moves[1].Reason);
    }

    [Fact]
    public void ANewReplicasCopy_ReadsThePrimaryRoutingNamesWhenItStarts_NotTheOneThePlanWasMadeFrom()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000, basePoints: 5_000), Cluster("c", 10_000, basePoints: 9_000)],
            Balanced with { ReplicaCount = 1 },
            current: [new CurrentPlacement("d1", "c", [])],
            pins: new Dictionary<string, string> { ["d1"] = "a" }));
        var row = new SpecializationRow("spec-1", "lib", result.Plan.PlanId, null, OperationState.Running, [], "", 0, 0, 2, 500, null, DateTimeOffset.UnixEpoch);

        var starts = QueuedMigrations.For(result.Plan, row, "a");

        // The move leaves c; the replica's copy starts after it, when routing names a as the primary and c's copy is gone.
        var replica = result.Plan.Placements.Single(p => p.DomainId == "d1").Replicas.Single().Name;
        Assert.Equal(
            [(MigrationKind.Move, "c", "a"), (MigrationKind.AddReplica, (string?)null, replica)],
            starts.Select(s => (s.Kind, s.SourceCluster, s.TargetCluster)));
    }

    [Fact]
    public void AReplicaAddedToAPlacedDomain_IsACopyFromItsPrimary_ThatStaysPrimary()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000)],
            Balanced with { ReplicaCount = 1 },
            current: [new CurrentPlacement("d1", "a", [])]));

        var move = Assert.Single(result.Plan.Moves);
        Assert.Equal(("d1", "a", "b", true), (move.DomainId, move.Source.Name, move.Target.Name, move.KeepSource));
        Assert.Equal("new replica on b for d1", move.Reason);
        Assert.Equal(MigrationKind.AddReplica, QueuedMigrations.KindOf(result.Plan, move));
    }

    [Fact]
    public void AReplicaMadePrimary_NeedsNoMove_AndTheOldPrimaryIsDroppedUnlessThePlanKeepsIt()
    {
        var pinned = new Dictionary<string, string> { ["d1"] = "b" };
        var alone = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)], [Cluster("a", 10_000), Cluster("b", 10_000)],
            current: [new CurrentPlacement("d1", "a", ["b"])], pins: pinned));
        var kept = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)], [Cluster("a", 10_000), Cluster("b", 10_000)],
            Balanced with { ReplicaCount = 1 },
            current: [new CurrentPlacement("d1", "a", ["b"])], pins: pinned));

        // b holds d1 already: routing names it primary when the plan is applied; a is a replica from then on.
        var drop = Assert.Single(alone.Plan.Moves);
        Assert.Equal(("a", (string?)null, MigrationKind.DropReplica), (drop.Source.Name, drop.Target?.Name, QueuedMigrations.KindOf(alone.Plan, drop)));
        var d1 = kept.Plan.Placements.Single(p => p.DomainId == "d1");
        Assert.Equal(("b", "a"), (d1.Primary.Name, Assert.Single(d1.Replicas).Name));
        Assert.Empty(kept.Plan.Moves);
    }

    [Fact]
    public void AReplicaThePlanNoLongerWants_IsDropped_ByAMoveWithoutTarget()
    {
        var result = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000)],
            [Cluster("a", 10_000), Cluster("b", 10_000), Cluster("c", 10_000)],
            current: [new CurrentPlacement("d1", "a", ["c", "b"])]));

        Assert.Equal("a", result.Plan.Placements.Single(p => p.DomainId == "d1").Primary.Name);
        Assert.Equal([("b", false), ("c", false)], result.Plan.Moves.Select(m => (m.Source.Name, m.KeepSource)));
        Assert.All(result.Plan.Moves, m => Assert.Null(m.Target));
        Assert.All(result.Plan.Moves, m => Assert.Equal(MigrationKind.DropReplica, QueuedMigrations.KindOf(result.Plan, m)));
        Assert.StartsWith("replica on b dropped: the plan keeps d1 on a (0 replicas)", result.Plan.Moves[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DiscoverysProposal_IsFollowedWhenItIsNearlyAsGood()
    {
        var plan = PlacementPlanner.Plan(Input(
            [Domain("d1", 1_000, proposed: "b")],
            [Cluster("a", 10_000), Cluster("b", 10_000, basePoints: 200)])).Plan;

        var d1 = plan.Placements.Single(p => p.DomainId == "d1");
        Assert.Equal("b", d1.Primary.Name);
        Assert.StartsWith("the cluster Discovery proposed, b", d1.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Throughput_GivesAHotDomainAnExtraReplica()
    {
        var plan = PlacementPlanner.Plan(Input(
            [Domain("hot", 1_000, rate: 90), Domain("cold1", 1_000, rate: 5), Domain("cold2", 1_000, rate: 5)],
            [Cluster("a", 10_000), Cluster("b", 10_000), Cluster("c", 10_000)],
            strategy: OptimizationStrategy.Throughput)).Plan;

        var hot = plan.Placements.Single(p => p.DomainId == "hot");
        Assert.Single(hot.Replicas);
        Assert.Contains("hot domain", hot.Reason, StringComparison.Ordinal);
        Assert.Empty(plan.Placements.Single(p => p.DomainId == "cold1").Replicas);
    }

    [Fact]
    public void Unassigned_StaysOnTheDefaultClusterAndCountsTowardsItsFill()
    {
        var plan = PlacementPlanner.Plan(Input([Domain("d1", 1_000)], [Cluster("a", 10_000), Cluster("b", 10_000)], unassigned: 4_000)).Plan;

        var unassigned = plan.Placements.Single(p => p.DomainId == "unassigned");
        Assert.Equal(("a", 4_000UL), (unassigned.Primary.Name, unassigned.PointCount));
        Assert.Equal("b", plan.Placements.Single(p => p.DomainId == "d1").Primary.Name);
        Assert.Equal(0.4, plan.ExpectedFillRatio["a"], 3);
    }

    [Fact]
    public void EveryPlacementCarriesTheStrategysSettings()
    {
        var plan = PlacementPlanner.Plan(Input([Domain("d1", 1_000)], [Cluster("a")], strategy: OptimizationStrategy.Recall)).Plan;

        Assert.All(plan.Placements, p => Assert.Equal(MultiCluster.Specialization.Tuning.StrategySettings.For(OptimizationStrategy.Recall), p.Settings));
        Assert.Equal("lib__d1", plan.Placements.Single(p => p.DomainId == "d1").CollectionName);
    }
}
