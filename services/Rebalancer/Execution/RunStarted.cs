using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>A rebalancing accepted: its operation id and the plan it runs (the first one's, when a request id repeats).</summary>
public sealed record RunStarted(string OperationId, RebalancingPlan Plan);
