using Google.Protobuf;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.History;
using Npgsql;

namespace MultiCluster.Specialization.Placement;

/// <summary>Placement policies as given (table policies; '' is the default of libraries without their own), resolved on read.</summary>
public sealed class PolicyStore(NpgsqlDataSource dataSource, HistoryStore history, SpecializationOptions options, TimeProvider time)
{
    /// <summary>The policy in effect for <paramref name="library"/> ('' for the default alone).</summary>
    public async Task<ResolvedPolicy> ResolveAsync(string library, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync([library, ""], cancellationToken);
        return ResolvedPolicy.Resolve(library.Length == 0 ? null : stored.GetValueOrDefault(library), stored.GetValueOrDefault(""), options);
    }

    /// <summary>The policy as the library itself set it (zeros where it set nothing); an empty policy when it has none.</summary>
    public async Task<SpecializationPolicy> GetOwnAsync(string library, CancellationToken cancellationToken) =>
        (await ReadAsync([library], cancellationToken)).GetValueOrDefault(library) ?? new SpecializationPolicy();

    /// <summary>Stores the library's own policy and records the change in the history, together.</summary>
    public async Task SaveAsync(string library, SpecializationPolicy policy, string summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("""
            INSERT INTO policies (library, policy, updated_at) VALUES (@library, @policy, @now)
            ON CONFLICT (library) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("library", library);
            command.Parameters.AddWithValue("policy", policy.ToByteArray());
            command.Parameters.AddWithValue("now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var at = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now);
        await history.RecordAsync(transaction, new SpecializationRecord
        {
            Kind = SpecializationEventKind.PolicyChange,
            OperationId = $"policy:{(library.Length == 0 ? "(default)" : library)}@{now.UtcTicks}",
            Library = library,
            State = OperationState.Succeeded,
            Summary = summary,
            StartedAt = at,
            FinishedAt = at,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Dictionary<string, SpecializationPolicy>> ReadAsync(string[] libraries, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT library, policy FROM policies WHERE library = ANY(@libraries)");
        command.Parameters.AddWithValue("libraries", libraries);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new Dictionary<string, SpecializationPolicy>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = SpecializationPolicy.Parser.ParseFrom(reader.GetFieldValue<byte[]>(1));
        }

        return found;
    }
}
