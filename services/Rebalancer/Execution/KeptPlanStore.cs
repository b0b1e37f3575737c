using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Storage;
using Npgsql;
using NpgsqlTypes;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>Reads the plans the auto mode kept in plan_only mode (written by Planning.AutoSettingsStore), as history pages them.</summary>
public sealed class KeptPlanStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// A page of kept plans, newest first, in the order <see cref="RunStore.PageAsync"/> pages runs (time, then id,
    /// descending), so one cursor pages both: planned in [from, to), of the given triggers (all when empty), after the position given.
    /// </summary>
    public async Task<IReadOnlyList<KeptPlan>> PageAsync(HistoryFilter filter, (DateTimeOffset StartedAt, string OperationId)? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand("""
            SELECT id, planned_at, trigger, reason, plan FROM auto_plans
            WHERE (@from::timestamptz IS NULL OR planned_at >= @from) AND (@to::timestamptz IS NULL OR planned_at < @to)
              AND (cardinality(@triggers) = 0 OR trigger = ANY(@triggers))
              AND (@afterTime::timestamptz IS NULL OR (planned_at, 'plan-' || id) < (@afterTime, @afterId))
            ORDER BY planned_at DESC, 'plan-' || id DESC LIMIT @limit
            """);
        TimeRangeParameters.Add(command, filter.From, filter.To);
        command.Parameters.AddWithValue("triggers", filter.Triggers.Select(t => t.ToString()).ToArray());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("afterTime", after?.StartedAt) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue("afterId", after?.OperationId ?? "");
        command.Parameters.AddWithValue("limit", limit);
        return await Rows.ReadAsync(
            command,
            r => new KeptPlan(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), Enum.Parse<RebalancingTrigger>(r.GetString(2)), r.GetString(3), RebalancingPlan.Parser.ParseFrom(r.GetFieldValue<byte[]>(4))),
            cancellationToken);
    }
}
