using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Verification;

/// <summary>What validation reads of placement's tables (Migrations/0002_placement.sql): placements and the latest stored domain map.</summary>
public sealed class PlacementRows(NpgsqlDataSource dataSource)
{
    /// <summary>The library's placements, by domain id.</summary>
    public async Task<IReadOnlyDictionary<string, Contracts.V1.Placement>> PlacementsAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT domain_id, placement FROM placements WHERE library = @library");
        command.Parameters.AddWithValue("library", library);
        var placements = new Dictionary<string, Contracts.V1.Placement>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            placements[reader.GetString(0)] = Contracts.V1.Placement.Parser.ParseFrom(reader.GetFieldValue<byte[]>(1));
        }

        return placements;
    }

    /// <summary>The newest domain map stored for the library; null when none is.</summary>
    public async Task<DomainMap?> LatestMapAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT map FROM domain_maps WHERE library = @library ORDER BY version DESC LIMIT 1");
        command.Parameters.AddWithValue("library", library);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? DomainMap.Parser.ParseFrom(bytes) : null;
    }
}
