using Google.Protobuf;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// The settings inside a domain's placement row (the placements table belongs to placement, Migrations/0002_placement.sql):
/// read for what only the placement knows (search ef), rewritten after a configuration change so placement and
/// clusters agree. Only the settings field of the stored Placement changes.
/// </summary>
public sealed class PlacementSettings(NpgsqlDataSource dataSource)
{
    /// <summary>The placement's settings, or null when the domain has no placement yet.</summary>
    public async Task<CollectionSettings?> GetAsync(string library, string domainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT placement FROM placements WHERE library = @library AND domain_id = @domain");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("domain", domainId);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? Contracts.V1.Placement.Parser.ParseFrom(bytes).Settings : null;
    }

    /// <summary>Replaces the placement's settings in the caller's transaction; false when there is no placement row.</summary>
    public static async Task<bool> SaveAsync(NpgsqlTransaction transaction, string library, string domainId, CollectionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Contracts.V1.Placement placement;
        await using (var read = new NpgsqlCommand("SELECT placement FROM placements WHERE library = @library AND domain_id = @domain FOR UPDATE", transaction.Connection, transaction))
        {
            read.Parameters.AddWithValue("library", library);
            read.Parameters.AddWithValue("domain", domainId);
            if (await read.ExecuteScalarAsync(cancellationToken) is not byte[] bytes)
            {
                return false;
            }

            placement = Contracts.V1.Placement.Parser.ParseFrom(bytes);
        }

        placement.Settings = settings;
        await using var write = new NpgsqlCommand("UPDATE placements SET placement = @placement, updated_at = now() WHERE library = @library AND domain_id = @domain", transaction.Connection, transaction);
        write.Parameters.AddWithValue("library", library);
        write.Parameters.AddWithValue("domain", domainId);
        write.Parameters.AddWithValue("placement", placement.ToByteArray());
        await write.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
