using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// The auto mode's durable state (Migrations/0003_auto_rebalancing.sql): its settings, since when the thresholds have
/// been exceeded without a break, when it last planned, and the plans it made in plan_only mode.
/// </summary>
public sealed class AutoSettingsStore(NpgsqlDataSource dataSource)
{
    /// <summary>The contract's default evaluation interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);

    public static AutoRebalancingSettings Defaults() => new() { EvaluationInterval = Duration.FromTimeSpan(DefaultInterval) };

    /// <summary>The settings in effect: the stored ones, or off with the default interval.</summary>
    public async Task<AutoRebalancingSettings> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT settings FROM auto_rebalancing WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] stored ? AutoRebalancingSettings.Parser.ParseFrom(stored) : Defaults();
    }

    /// <summary>Stores <paramref name="settings"/>; turning the mode off forgets the breach being sustained.</summary>
    public async Task SaveAsync(AutoRebalancingSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO auto_rebalancing (id, settings, updated_at) VALUES (1, @s, @at)
            ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at,
                breach_since = CASE WHEN @enabled THEN auto_rebalancing.breach_since END,
                breach_kind = CASE WHEN @enabled THEN auto_rebalancing.breach_kind END
            """);
        command.Parameters.AddWithValue("s", settings.ToByteArray());
        command.Parameters.AddWithValue("at", now);
        command.Parameters.AddWithValue("enabled", settings.Enabled);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Notes a breach of <paramref name="kind"/> at <paramref name="now"/>; returns since when it has lasted (the first breach not followed by calm).</summary>
    public async Task<DateTimeOffset> MarkBreachAsync(string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO auto_rebalancing (id, settings, updated_at, breach_since, breach_kind) VALUES (1, @s, @at, @at, @k)
            ON CONFLICT (id) DO UPDATE SET breach_since = COALESCE(auto_rebalancing.breach_since, excluded.breach_since), breach_kind = excluded.breach_kind
            RETURNING breach_since
            """);
        command.Parameters.AddWithValue("s", Defaults().ToByteArray());
        command.Parameters.AddWithValue("at", now);
        command.Parameters.AddWithValue("k", kind);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(cancellationToken))!, TimeSpan.Zero);
    }

    /// <summary>The thresholds are met again (or the breach was acted on): the next breach starts its sustain anew.</summary>
    public async Task ClearBreachAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE auto_rebalancing SET breach_since = NULL, breach_kind = NULL WHERE id = 1");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> LastPlanAtAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT last_plan_at FROM auto_rebalancing WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>Keeps a plan made in plan_only mode and starts its cooldown; the breach it answered is cleared.</summary>
    public async Task RecordPlanAsync(RebalancingTrigger trigger, string reason, RebalancingPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var batch = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("INSERT INTO auto_plans (planned_at, trigger, reason, plan) VALUES (@at, @t, @r, @p)");
        insert.Parameters.AddWithValue("at", now);
        insert.Parameters.AddWithValue("t", trigger.ToString());
        insert.Parameters.AddWithValue("r", reason);
        insert.Parameters.AddWithValue("p", plan.ToByteArray());
        var mark = new NpgsqlBatchCommand("UPDATE auto_rebalancing SET last_plan_at = @at, breach_since = NULL, breach_kind = NULL WHERE id = 1");
        mark.Parameters.AddWithValue("at", now);
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(mark);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
