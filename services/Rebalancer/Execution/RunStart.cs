using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>A rebalancing to run: what started it, why, the plan's moves in order, and how fast it may go.</summary>
public sealed record RunStart(RebalancingTrigger Trigger, string Reason, RebalancingPlan Plan, AdaptiveThrottle? Throttle, string RequestId);
