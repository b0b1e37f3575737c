using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// One rebalancing as stored: what started it, the plan and throttle it runs under (zeros resolved), its state, the
/// imbalance before and after, and the change number of its last update (what watchers compare).
/// </summary>
public sealed record RunRow(
    string OperationId,
    RebalancingTrigger Trigger,
    OperationState State,
    string Reason,
    RebalancingPlan Plan,
    AdaptiveThrottle Throttle,
    double SizeBefore,
    double SizeAfter,
    double LoadBefore,
    double LoadAfter,
    OperationError? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long Change)
{
    public bool IsTerminal => State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;
}
