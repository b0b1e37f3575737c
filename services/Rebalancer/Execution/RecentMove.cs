namespace MultiCluster.Rebalancer.Execution;

/// <summary>A domain move started by a rebalancing (finished or not), as the planner's cooldown reads it.</summary>
public sealed record RecentMove(string Library, string DomainId, string From, string To, DateTimeOffset StartedAt);
