using System.Globalization;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// Plans domain moves, greedily: at each step every allowed move (one copy of a domain from a holder to a cluster not
/// holding it) is tried on a copy of the state, and the one that lowers the objective most is taken, preferring among
/// moves within <see cref="NearBest"/> of the best the one that copies fewest bytes (the small hot domain). A move must
/// lower the objective by the hysteresis margin; planning stops when the budget is spent, the targets are met or no
/// move clears the margin. Pure and deterministic: candidates are visited in name order and ties broken by name.
/// The objective (README, "Planning"): for each dimension the type weighs, half of (coefficient of variation + max/mean
/// - 1), plus 1 per domain copy on a draining cluster.
/// </summary>
public static class Planner
{
    /// <summary>A move within this share of the best improvement competes on bytes.</summary>
    public const double NearBest = 0.9;

    public static RebalancingPlan Plan(PlanInputs inputs, PlanLimits limits)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(limits);
        var state = new PlanState(inputs);
        var before = state.Measure();
        var plan = new RebalancingPlan();
        string stop;
        while (true)
        {
            var now = state.Measure();
            if (plan.Moves.Count >= limits.MaxMoves)
            {
                stop = F($"stopped at the move budget (max_moves {limits.MaxMoves})");
                break;
            }

            if (TargetsMet(now, limits.Targets))
            {
                stop = "stopped: the targets are met";
                break;
            }

            var choice = Best(state, now, limits, (long)plan.BytesToMove);
            if (choice is null)
            {
                stop = plan.Moves.Count == 0
                    ? F($"no allowed move lowers the imbalance by the margin {limits.Margin:0.###}: the clusters are as balanced as the constraints allow")
                    : F($"stopped: no further allowed move lowers the imbalance by the margin {limits.Margin:0.###}");
                var overBudget = limits.MaxBytes > 0 ? state.Movable(limits.Cooling).Count(d => (long)plan.BytesToMove + d.Bytes > limits.MaxBytes) : 0;
                if (overBudget > 0)
                {
                    stop += F($" ({overBudget} domain(s) did not fit the byte budget, max_bytes_moved {limits.MaxBytes})");
                }

                break;
            }

            plan.Moves.Add(Describe(state, now, choice, limits.Type));
            state.Apply(choice.Domain, choice.Source, choice.Target);
            plan.PointsToMove += (ulong)choice.Domain.Points;
            plan.BytesToMove += (ulong)choice.Domain.Bytes;
        }

        var after = state.Measure();
        plan.LoadImbalanceBefore = before.LoadCv;
        plan.LoadImbalanceAfter = after.LoadCv;
        plan.SizeImbalanceBefore = before.SizeCv;
        plan.SizeImbalanceAfter = after.SizeCv;
        plan.LoadMaxOverMeanBefore = before.LoadMaxOverMean;
        plan.LoadMaxOverMeanAfter = after.LoadMaxOverMean;
        plan.ForecastBased = inputs.ForecastBased;
        plan.Explanation = F($"{inputs.LoadBasis}. Load max/mean {before.LoadMaxOverMean:0.##} -> {after.LoadMaxOverMean:0.##} (coefficient of variation {before.LoadCv:0.###} -> {after.LoadCv:0.###}), size imbalance {before.SizeCv:0.###} -> {after.SizeCv:0.###}; {plan.Moves.Count} move(s), {plan.PointsToMove} points, {plan.BytesToMove} bytes; {stop}.");
        return plan;
    }

    /// <summary>The objective the plan minimises for <paramref name="type"/> (0 when perfectly balanced and nothing drains).</summary>
    public static double Objective(BalanceMeasure m, RebalancingType type)
    {
        ArgumentNullException.ThrowIfNull(m);
        var load = Term(m.LoadCv, m.LoadMaxOverMean);
        var size = Term(m.SizeCv, m.SizeMaxOverMean);
        var spread = type switch
        {
            RebalancingType.Load or RebalancingType.Latency => load,
            RebalancingType.Capacity => size,
            RebalancingType.Domain => Term(m.CountCv, m.CountMaxOverMean),
            _ => load + size,
        };
        return spread + m.DrainingCopies;
    }

    private static double Term(double cv, double maxOverMean) => 0.5 * (cv + Math.Max(0, maxOverMean - 1));

    private static bool TargetsMet(BalanceMeasure m, RebalancingTargets? t)
    {
        if (t is null || (t.MaxLoadRatio <= 0 && t.MaxLoadImbalance <= 0 && t.MaxSizeImbalance <= 0) || m.DrainingCopies > 0)
        {
            return false;
        }

        return (t.MaxLoadRatio <= 0 || m.LoadMaxOverMean <= t.MaxLoadRatio)
            && (t.MaxLoadImbalance <= 0 || m.LoadCv <= t.MaxLoadImbalance)
            && (t.MaxSizeImbalance <= 0 || m.SizeCv <= t.MaxSizeImbalance);
    }

    private static Candidate? Best(PlanState state, BalanceMeasure now, PlanLimits limits, long bytesSoFar)
    {
        var current = Objective(now, limits.Type);
        var slow = state.SlowClusters();
        var candidates = new List<Candidate>();
        foreach (var domain in state.Movable(limits.Cooling).ToList())
        {
            if (limits.MaxBytes > 0 && bytesSoFar + domain.Bytes > limits.MaxBytes)
            {
                continue;
            }

            // Trials change the holders and the moved set: iterate over copies.
            foreach (var source in state.HoldersOf(domain).Where(s => state.Known(s) && !limits.Forbidden.Contains(s)).ToList())
            {
                // A latency rebalancing takes load off the slow clusters; draining ones give their domains whatever the type.
                if (limits.Type == RebalancingType.Latency && !slow.Contains(source) && !state.Cluster(source).Draining)
                {
                    continue;
                }

                foreach (var target in state.Names.Where(t => !limits.Forbidden.Contains(t) && state.CanTake(t, domain)))
                {
                    state.Apply(domain, source, target);
                    var improvement = current - Objective(state.Measure(), limits.Type);
                    state.Apply(domain, target, source);
                    if (improvement >= limits.Margin && improvement > 1e-9)
                    {
                        candidates.Add(new Candidate(domain, source, target, improvement));
                    }
                }
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates.Max(c => c.Improvement);
        return candidates.Where(c => c.Improvement >= best * NearBest)
            .OrderBy(c => c.Domain.Bytes)
            .ThenByDescending(c => c.Improvement)
            .ThenBy(c => c.Domain.Library, StringComparer.Ordinal).ThenBy(c => c.Domain.DomainId, StringComparer.Ordinal)
            .ThenBy(c => c.Source, StringComparer.Ordinal).ThenBy(c => c.Target, StringComparer.Ordinal)
            .First();
    }

    private static DomainMove Describe(PlanState state, BalanceMeasure now, Candidate c, RebalancingType type)
    {
        var d = c.Domain;
        var source = state.Cluster(c.Source);
        var parts = new List<string>();
        if (source.Draining)
        {
            parts.Add(F($"{c.Source} is draining"));
        }

        var rate = state.DomainRate(d, c.Source);
        if (type is not RebalancingType.Capacity and not RebalancingType.Domain && rate > 0)
        {
            var total = state.TotalRate();
            parts.Add(F($"{c.Source} carries {Share(state.RateOf(c.Source), total)} of queries (max/mean {now.LoadMaxOverMean:0.0}); {d.Library}/{d.DomainId} is {Share(d.Points, state.PointsOf(c.Source))} of its points and {Share(rate, state.RateOf(c.Source))} of its load"));
        }

        if ((type is RebalancingType.Capacity or RebalancingType.Hybrid or RebalancingType.Unspecified) && parts.Count == 0)
        {
            parts.Add(F($"{c.Source} holds {state.PointsOf(c.Source)} points (size max/mean {now.SizeMaxOverMean:0.0}); {d.Library}/{d.DomainId} is {Share(d.Points, state.PointsOf(c.Source))} of them"));
        }

        if (type == RebalancingType.Domain)
        {
            parts.Add(F($"{c.Source} holds {state.CountOf(c.Source)} domains, {c.Target} {state.CountOf(c.Target)}"));
        }

        if (parts.Count == 0)
        {
            parts.Add(F($"{d.Library}/{d.DomainId} evens out {c.Source} and {c.Target}"));
        }

        return new DomainMove
        {
            Library = d.Library,
            DomainId = d.DomainId,
            Source = new ClusterRef { Name = c.Source },
            Target = new ClusterRef { Name = c.Target },
            PointCount = (ulong)d.Points,
            SizeBytes = (ulong)d.Bytes,
            Reason = F($"{string.Join("; ", parts)}; to {c.Target} ({Share(state.RateOf(c.Target), state.TotalRate())} of queries), objective lower by {c.Improvement:0.###}"),
        };
    }

    private static string Share(double part, double whole) => whole > 0 ? F($"{part / whole * 100:0}%") : "0%";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Candidate(PlanDomain Domain, string Source, string Target, double Improvement);
}
