using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Execution;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>Reads the inputs and the domains still cooling down from their last move, and runs the <see cref="Planner"/>.</summary>
public sealed class PlanMaker(PlanInputReader reader, RebalancingRuns runs, PlanningOptions planning, TimeProvider time)
{
    public async Task<RebalancingPlan> PlanAsync(
        string library, RebalancingType type, int maxMoves, PlanConstraints constraints, RebalancingTargets targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        var cooling = (await runs.MovesSinceAsync(time.GetUtcNow() - planning.DomainCooldown, cancellationToken))
            .Select(m => PlanLimits.Key(m.Library, m.DomainId)).ToHashSet(StringComparer.Ordinal);
        var inputs = await reader.ReadAsync(library, useForecast: true, cancellationToken);
        var limits = new PlanLimits(type, maxMoves, constraints.MaxBytes, constraints.Forbidden, cooling, targets, planning.PlanHysteresis);
        return Planner.Plan(inputs, limits);
    }

    /// <summary><paramref name="plan"/> without its moves (nothing acts), the imbalance now kept, with why first.</summary>
    public static RebalancingPlan Withheld(RebalancingPlan plan, string why)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RebalancingPlan
        {
            SizeImbalanceBefore = plan.SizeImbalanceBefore,
            SizeImbalanceAfter = plan.SizeImbalanceBefore,
            LoadImbalanceBefore = plan.LoadImbalanceBefore,
            LoadImbalanceAfter = plan.LoadImbalanceBefore,
            LoadMaxOverMeanBefore = plan.LoadMaxOverMeanBefore,
            LoadMaxOverMeanAfter = plan.LoadMaxOverMeanBefore,
            ForecastBased = plan.ForecastBased,
            Explanation = $"Nothing moves: {why}. The plan would have been: {plan.Explanation}",
        };
    }
}
