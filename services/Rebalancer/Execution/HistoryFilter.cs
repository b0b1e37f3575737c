using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>Which runs a history page holds: started in [From, To) (open ends when null), of these triggers (all when empty).</summary>
public sealed record HistoryFilter(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<RebalancingTrigger> Triggers);
