using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Planning;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.Planning;

/// <summary>The planner on small hand-made clusters: what it moves, what it never does, and that it explains itself.</summary>
public sealed class PlannerTests
{
    private static readonly HashSet<string> Nothing = new(StringComparer.Ordinal);

    private static PlanCluster Cluster(string name, double rate, long points = 1_000, long capacityPoints = 0, bool draining = false) =>
        new(name, capacityPoints, 0, points, points * 16, rate, Draining: draining);

    private static PlanDomain Domain(string id, double rate, long points, params string[] holders) =>
        new("lib", id, holders, points, points * 16, new Dictionary<string, double>(StringComparer.Ordinal) { [holders[0]] = rate });

    private static PlanLimits Limits(
        int maxMoves = 5, long maxBytes = 0, RebalancingType type = RebalancingType.Load, IReadOnlySet<string>? forbidden = null,
        IReadOnlySet<string>? cooling = null, RebalancingTargets? targets = null, double margin = 0.05) =>
        new(type, maxMoves, maxBytes, forbidden ?? Nothing, cooling ?? Nothing, targets ?? new RebalancingTargets(), margin);

    /// <summary>a carries 70 of 90 req/s in two domains (40 and 30 req/s); b and c one domain of 10 each.</summary>
    private static PlanInputs HotA() => new(
        [Cluster("a", 70), Cluster("b", 10), Cluster("c", 10)],
        [Domain("d1", 40, 100, "a"), Domain("d2", 30, 100, "a"), Domain("d3", 10, 100, "b"), Domain("d4", 10, 100, "c")],
        false, "Planned on the load now");

    [Fact]
    public void A_hot_cluster_gives_its_hot_domains_away_and_each_move_says_why()
    {
        var plan = Planner.Plan(HotA(), Limits());

        Assert.NotEmpty(plan.Moves);
        Assert.Equal("a", plan.Moves[0].Source.Name);
        Assert.True(plan.LoadMaxOverMeanAfter < plan.LoadMaxOverMeanBefore, plan.Explanation);
        Assert.Equal(70 / 30.0, plan.LoadMaxOverMeanBefore, 9);
        Assert.True(plan.LoadImbalanceAfter < plan.LoadImbalanceBefore);
        Assert.StartsWith("a carries 78% of queries (max/mean 2.3); lib/d", plan.Moves[0].Reason, StringComparison.Ordinal);
        Assert.Equal((ulong)plan.Moves.Count * 100, plan.PointsToMove);
        Assert.Equal(plan.PointsToMove * 16, plan.BytesToMove);
        Assert.Contains("Load max/mean 2.33 -> ", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_balanced_clusters_trade_nothing()
    {
        PlanInputs inputs = new(
            [Cluster("a", 31), Cluster("b", 30), Cluster("c", 29)],
            [Domain("d1", 16, 100, "a"), Domain("d2", 15, 100, "a"), Domain("d3", 30, 100, "b"), Domain("d4", 29, 100, "c")],
            false, "now");

        var plan = Planner.Plan(inputs, Limits());

        Assert.Empty(plan.Moves);
        Assert.Contains("no allowed move lowers the imbalance by the margin 0.05", plan.Explanation, StringComparison.Ordinal);
        Assert.Equal(plan.LoadImbalanceBefore, plan.LoadImbalanceAfter);
    }

    [Fact]
    public void A_domain_never_moves_to_a_cluster_already_holding_a_copy()
    {
        // a carries d1 (small, primary there, a replica on b that serves nothing) and d0, 30 req/s each; b and c are idle.
        // d1 is the cheaper move and b would win the tie by name, but b holds a copy of d1: d1 goes to c.
        PlanInputs inputs = new(
            [Cluster("a", 60), Cluster("b", 0), Cluster("c", 0)],
            [Domain("d0", 30, 100, "a"), Domain("d1", 30, 10, "a", "b")],
            false, "now");

        var plan = Planner.Plan(inputs, Limits());

        Assert.NotEmpty(plan.Moves);
        Assert.Equal(("d1", "a", "c"), (plan.Moves[0].DomainId, plan.Moves[0].Source.Name, plan.Moves[0].Target.Name));
        Assert.DoesNotContain(plan.Moves, m => m.DomainId == "d1" && m.Target.Name == "b");
    }

    [Fact]
    public void A_target_is_never_pushed_over_its_capacity()
    {
        // c has room for 50 more points: neither 100-point domain fits there, though c is the idlest.
        PlanInputs inputs = new(
            [Cluster("a", 70), Cluster("b", 20), Cluster("c", 0, points: 1_000, capacityPoints: 1_050)],
            [Domain("d1", 40, 100, "a"), Domain("d2", 30, 100, "a"), Domain("d3", 20, 100, "b")],
            false, "now");

        var plan = Planner.Plan(inputs, Limits());

        Assert.NotEmpty(plan.Moves);
        Assert.DoesNotContain(plan.Moves, m => m.Target.Name == "c");
    }

    [Fact]
    public void The_move_and_byte_budgets_bound_the_plan()
    {
        var one = Planner.Plan(HotA(), Limits(maxMoves: 1));
        var tooFewBytes = Planner.Plan(HotA(), Limits(maxBytes: 1_599));

        Assert.Single(one.Moves);
        Assert.Contains("move budget (max_moves 1)", one.Explanation, StringComparison.Ordinal);
        Assert.Empty(tooFewBytes.Moves);
        Assert.Contains("4 domain(s) did not fit the byte budget, max_bytes_moved 1599", tooFewBytes.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_in_its_cooldown_stays_where_it_is()
    {
        var cooling = new HashSet<string>(StringComparer.Ordinal) { PlanLimits.Key("lib", "d1"), PlanLimits.Key("lib", "d2") };

        var plan = Planner.Plan(HotA(), Limits(cooling: cooling));

        Assert.DoesNotContain(plan.Moves, m => m.DomainId is "d1" or "d2");
    }

    [Fact]
    public void The_same_input_gives_the_same_plan_in_any_order()
    {
        var inputs = HotA();
        var shuffled = inputs with { Clusters = [.. inputs.Clusters.Reverse()], Domains = [.. inputs.Domains.Reverse()] };

        var first = Planner.Plan(inputs, Limits());
        var again = Planner.Plan(inputs, Limits());
        var reordered = Planner.Plan(shuffled, Limits());

        Assert.Equal(first, again);
        Assert.Equal(first, reordered);
    }

    [Fact]
    public void Of_two_domains_bringing_the_same_load_the_smaller_one_moves()
    {
        PlanInputs inputs = new(
            [Cluster("a", 60, points: 10_010), Cluster("b", 10), Cluster("c", 10)],
            [Domain("big", 30, 10_000, "a"), Domain("small", 30, 10, "a"), Domain("d3", 10, 100, "b"), Domain("d4", 10, 100, "c")],
            false, "now");

        var plan = Planner.Plan(inputs, Limits(maxMoves: 1));

        Assert.Equal("small", Assert.Single(plan.Moves).DomainId);
    }

    [Fact]
    public void Forbidden_clusters_neither_give_nor_take()
    {
        var noC = Planner.Plan(HotA(), Limits(forbidden: new HashSet<string>(StringComparer.Ordinal) { "c" }));
        var noA = Planner.Plan(HotA(), Limits(forbidden: new HashSet<string>(StringComparer.Ordinal) { "a" }));

        Assert.NotEmpty(noC.Moves);
        Assert.DoesNotContain(noC.Moves, m => m.Target.Name == "c" || m.Source.Name == "c");
        Assert.DoesNotContain(noA.Moves, m => m.Target.Name == "a" || m.Source.Name == "a");
    }

    [Fact]
    public void A_draining_cluster_gives_its_domains_away_and_takes_none()
    {
        // Balanced load, but b drains: its domain goes, and nothing goes to b.
        PlanInputs inputs = new(
            [Cluster("a", 30), Cluster("b", 30, draining: true), Cluster("c", 30)],
            [Domain("d1", 30, 100, "a"), Domain("d2", 30, 100, "b"), Domain("d3", 30, 100, "c")],
            false, "now");

        var plan = Planner.Plan(inputs, Limits());

        var move = Assert.Single(plan.Moves);
        Assert.Equal(("d2", "b"), (move.DomainId, move.Source.Name));
        Assert.StartsWith("b is draining", move.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Planning_stops_once_the_targets_are_met()
    {
        var plan = Planner.Plan(HotA(), Limits(targets: new RebalancingTargets { MaxLoadRatio = 2.5 }));

        Assert.Empty(plan.Moves);
        Assert.Contains("the targets are met", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capacity_rebalancing_evens_fill_ratios()
    {
        PlanInputs inputs = new(
            [Cluster("a", 0, points: 900, capacityPoints: 1_000), Cluster("b", 0, points: 100, capacityPoints: 1_000)],
            [Domain("d1", 0, 400, "a"), Domain("d2", 0, 500, "a"), Domain("d3", 0, 100, "b")],
            false, "now");

        var plan = Planner.Plan(inputs, Limits(type: RebalancingType.Capacity));

        var move = Assert.Single(plan.Moves);
        Assert.Equal(("d1", "b"), (move.DomainId, move.Target.Name));
        Assert.Equal(0.2 / 0.5, plan.SizeImbalanceBefore * 0.5, 9);
        Assert.True(plan.SizeImbalanceAfter < 0.1);
    }
}
