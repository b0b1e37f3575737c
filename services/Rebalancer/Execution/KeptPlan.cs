using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>A plan the auto mode made in plan_only mode and kept (Migrations/0003_auto_rebalancing.sql, table auto_plans).</summary>
public sealed record KeptPlan(long Id, DateTimeOffset PlannedAt, RebalancingTrigger Trigger, string Reason, RebalancingPlan Plan)
{
    /// <summary>What names it in history: apart from every run's id, which is a GUID or "auto-…".</summary>
    public string EntryId => $"plan-{Id}";
}
