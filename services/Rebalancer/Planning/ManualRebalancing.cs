using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// TriggerRebalancing: checks the request, plans, and then, unless forced, withholds the moves when no threshold is
/// exceeded or the global cooldown runs (the explanation says which); a dry run returns the plan, a closed window
/// withholds it; otherwise the run starts (trigger MANUAL) and its operation id is returned.
/// </summary>
public sealed class ManualRebalancing(
    IClusterRegistry registry, ThresholdStore thresholds, LoadDistribution distribution, RebalancingGate gate, PlanMaker planner, RebalancingRuns runs, TimeProvider time)
{
    public async Task<TriggerRebalancingResponse> TriggerAsync(TriggerRebalancingRequest request, CancellationToken cancellationToken)
    {
        var read = TriggerRequest.Read(request, [.. registry.Current.Options.Select(o => o.Name)]);
        var limits = await thresholds.CurrentAsync(cancellationToken);
        var maxMoves = (int)(read.MaxMoves > 0 ? read.MaxMoves : limits.MaxMovesPerRun);
        var plan = await planner.PlanAsync(read.Library, read.Type, maxMoves, read.Constraints, read.Targets, cancellationToken);
        if (!read.Force)
        {
            var why = await gate.CoolingAsync(limits, null, cancellationToken)
                ?? RebalancingGate.Calm(await distribution.AnalyzeAsync("", cancellationToken), limits);
            if (why is not null)
            {
                return new TriggerRebalancingResponse { Plan = PlanMaker.Withheld(plan, why + "; pass force to act anyway") };
            }
        }

        var closed = read.Constraints.Closed(time.GetUtcNow());
        if (read.DryRun)
        {
            if (closed is not null)
            {
                plan.Explanation += $" Moves could not start now: {closed}.";
            }

            return new TriggerRebalancingResponse { Plan = plan };
        }

        if (closed is not null)
        {
            return new TriggerRebalancingResponse { Plan = PlanMaker.Withheld(plan, $"moves may not start now, {closed} (constraints)") };
        }

        if (plan.Moves.Count == 0)
        {
            return new TriggerRebalancingResponse { Plan = plan };
        }

        var started = await runs.StartAsync(new RunStart(RebalancingTrigger.Manual, read.Reason, plan, Throttle(read.Priority, limits), read.RequestId), cancellationToken);
        return new TriggerRebalancingResponse { OperationId = started.OperationId, Plan = started.Plan };
    }

    /// <summary>Low priority moves one domain at a time at a bounded copy rate; high tolerates twice the p99 limit; normal uses the thresholds.</summary>
    private static AdaptiveThrottle? Throttle(RebalancingPriority priority, RebalancingThresholds limits) => priority switch
    {
        RebalancingPriority.Low => new AdaptiveThrottle { MaxConcurrentMoves = 1, MaxPointsPerSecond = 1_000 },
        RebalancingPriority.High => new AdaptiveThrottle { MaxConcurrentMoves = limits.MaxConcurrentMoves, TargetLatencyP99Ms = 2 * limits.MaxLatencyP99Ms },
        _ => null,
    };
}
