using Google.Protobuf;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Thresholds;
using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>The thresholds in effect: the stored ones, or the defaults until SetRebalancingThresholds stores some.</summary>
public sealed class ThresholdStore(NpgsqlDataSource dataSource, ThresholdRules rules, TimeProvider time)
{
    public async Task<RebalancingThresholds> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT thresholds FROM thresholds WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] stored
            ? RebalancingThresholds.Parser.ParseFrom(stored)
            : rules.Defaults();
    }

    /// <summary>Applies <paramref name="change"/> to the thresholds in effect under one row lock, so concurrent partial updates both land.</summary>
    public async Task<RebalancingThresholds> UpdateAsync(Func<RebalancingThresholds, RebalancingThresholds> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var seed = new NpgsqlCommand("INSERT INTO thresholds (id, thresholds, updated_at) VALUES (1, @t, @at) ON CONFLICT DO NOTHING", connection, transaction))
        {
            seed.Parameters.AddWithValue("t", rules.Defaults().ToByteArray());
            seed.Parameters.AddWithValue("at", time.GetUtcNow());
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }

        RebalancingThresholds current;
        await using (var read = new NpgsqlCommand("SELECT thresholds FROM thresholds WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            current = RebalancingThresholds.Parser.ParseFrom((byte[])(await read.ExecuteScalarAsync(cancellationToken))!);
        }

        var updated = change(current);
        await using (var write = new NpgsqlCommand("UPDATE thresholds SET thresholds = @t, updated_at = @at WHERE id = 1", connection, transaction))
        {
            write.Parameters.AddWithValue("t", updated.ToByteArray());
            write.Parameters.AddWithValue("at", time.GetUtcNow());
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return updated;
    }
}
