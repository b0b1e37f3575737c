using Npgsql;

namespace MultiCluster.Specialization.Verification;

/// <summary>What validation reads of placement's tables (Migrations/0002_placement.sql): the placements.</summary>
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
}
