using Google.Protobuf;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Maps;

/// <summary>
/// The domain maps Specialization has received (table domain_maps): from "domains.discovered", whose domains carry no
/// centroids, and from Discovery's GetDomainMap, whole. A whole map replaces one made from an event, never the reverse.
/// </summary>
public sealed class DomainMapStore(NpgsqlDataSource dataSource)
{
    /// <summary>The map at <paramref name="version"/> (0: the highest version stored); null when none is stored.</summary>
    public async Task<DomainMap?> GetAsync(string library, ulong version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(version == 0
            ? "SELECT map FROM domain_maps WHERE library = @library ORDER BY version DESC LIMIT 1"
            : "SELECT map FROM domain_maps WHERE library = @library AND version = @version");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("version", (long)Math.Min(version, long.MaxValue));
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? DomainMap.Parser.ParseFrom(bytes) : null;
    }

    /// <summary>The highest version stored for the library; 0 when none.</summary>
    public async Task<ulong> LatestVersionAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(version), 0) FROM domain_maps WHERE library = @library");
        command.Parameters.AddWithValue("library", library);
        return (ulong)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Stores the map: a whole one replaces what is stored for its version (two whole copies of a version are the same
    /// map), one made from an event is only added when nothing is stored for its version. True when a row changed.
    /// </summary>
    public async Task<bool> SaveAsync(DomainMap map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var command = dataSource.CreateCommand(DomainMaps.IsWhole(map)
            ? "INSERT INTO domain_maps (library, version, map) VALUES (@library, @version, @map) ON CONFLICT (library, version) DO UPDATE SET map = excluded.map, received_at = now()"
            : "INSERT INTO domain_maps (library, version, map) VALUES (@library, @version, @map) ON CONFLICT (library, version) DO NOTHING");
        command.Parameters.AddWithValue("library", map.Library);
        command.Parameters.AddWithValue("version", (long)map.Version);
        command.Parameters.AddWithValue("map", map.ToByteArray());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
