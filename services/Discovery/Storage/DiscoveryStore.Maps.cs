using Google.Protobuf;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Discovery.Storage;

public sealed partial class DiscoveryStore
{
    private const string MapColumns = "map, position";

    /// <summary>The version a new map of the library gets: one past the highest stored.</summary>
    public async Task<ulong> NextVersionAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(version), 0) + 1 FROM domain_maps WHERE library = @library");
        command.Parameters.AddWithValue("library", library);
        return (ulong)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The latest version of the library, only among published ones when <paramref name="publishedOnly"/>; null when none.</summary>
    public async Task<DomainMap?> GetLatestAsync(string library, bool publishedOnly, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {MapColumns} FROM domain_maps WHERE library = @library AND (published OR NOT @publishedOnly) ORDER BY version DESC LIMIT 1");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("publishedOnly", publishedOnly);
        return await ReadMapsAsync(command, cancellationToken) is [var found, ..] ? found.Map : null;
    }

    public async Task<DomainMap?> GetVersionAsync(string library, ulong version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {MapColumns} FROM domain_maps WHERE library = @library AND version = @version");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("version", (long)version);
        return await ReadMapsAsync(command, cancellationToken) is [var found, ..] ? found.Map : null;
    }

    /// <summary>Every stored version of the library in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    public async Task<IReadOnlyList<DomainMap>> GetVersionsAsync(string library, ulong from, ulong to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {MapColumns} FROM domain_maps WHERE library = @library AND version BETWEEN @from AND @to ORDER BY version");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("from", (long)Math.Min(from, long.MaxValue));
        command.Parameters.AddWithValue("to", (long)Math.Min(to, long.MaxValue));
        return (await ReadMapsAsync(command, cancellationToken)).Select(m => m.Map).ToList();
    }

    /// <summary>Every domain id any stored map of the library has used, so that a new domain never reuses a retired id.</summary>
    public async Task<IReadOnlyCollection<string>> DomainIdsAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {MapColumns} FROM domain_maps WHERE library = @library");
        command.Parameters.AddWithValue("library", library);
        return (await ReadMapsAsync(command, cancellationToken)).SelectMany(m => m.Map.Domains).Select(d => d.DomainId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The latest published map of each library (or of <paramref name="library"/> alone when it is not empty).</summary>
    public async Task<IReadOnlyList<PublishedMap>> LatestPublishedAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT ON (library) {MapColumns} FROM domain_maps WHERE published AND (@library = '' OR library = @library) ORDER BY library, version DESC");
        command.Parameters.AddWithValue("library", library);
        return await ReadMapsAsync(command, cancellationToken);
    }

    /// <summary>Published maps stored after <paramref name="afterPosition"/>, in the order they were stored.</summary>
    public async Task<IReadOnlyList<PublishedMap>> PublishedAfterAsync(string library, long afterPosition, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {MapColumns} FROM domain_maps WHERE published AND position > @after AND (@library = '' OR library = @library) ORDER BY position LIMIT 100");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("after", afterPosition);
        return await ReadMapsAsync(command, cancellationToken);
    }

    /// <summary>The highest position stored so far (0 when none): where a watcher that wants only new maps starts.</summary>
    public async Task<long> LastPositionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(position), 0) FROM domain_maps");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Stores a map version, the patterns found against its predecessor, the "domains.discovered" event when it is
    /// published, and the analysis's final state, in one transaction: all of it exists, or (cancelled, crashed) none.
    /// </summary>
    public async Task StoreMapAsync(DomainMap map, IReadOnlyList<DetectedPattern> patterns, DomainsDiscoveredEvent? published, AnalysisCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(completion);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO domain_maps (library, version, previous_version, published, strategy, dimension, distance, sampled_points,
                total_points, unassigned_fraction, silhouette, domain_count, operation_id, created_at, map)
            VALUES (@library, @version, @previous, @published, @strategy, @dimension, @distance, @sampled, @total, @unassigned,
                @silhouette, @domains, @operation, @created, @map)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("library", map.Library);
            insert.Parameters.AddWithValue("version", (long)map.Version);
            insert.Parameters.AddWithValue("previous", (long)map.PreviousVersion);
            insert.Parameters.AddWithValue("published", map.Published);
            insert.Parameters.AddWithValue("strategy", (int)map.Strategy);
            insert.Parameters.AddWithValue("dimension", (int)map.Dimension);
            insert.Parameters.AddWithValue("distance", (int)map.Distance);
            insert.Parameters.AddWithValue("sampled", (long)map.SampledPoints);
            insert.Parameters.AddWithValue("total", (long)map.TotalPoints);
            insert.Parameters.AddWithValue("unassigned", map.UnassignedFraction);
            insert.Parameters.AddWithValue("silhouette", map.SilhouetteScore);
            insert.Parameters.AddWithValue("domains", map.Domains.Count);
            insert.Parameters.AddWithValue("operation", map.AnalysisOperationId);
            insert.Parameters.AddWithValue("created", map.CreatedAt.ToDateTimeOffset());
            insert.Parameters.AddWithValue("map", map.ToByteArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (map.PreviousVersion != 0)
        {
            await using var insertPatterns = new NpgsqlCommand(
                "INSERT INTO detected_patterns (library, version, from_version, patterns) VALUES (@library, @version, @from, @patterns)", connection, transaction);
            var holder = new DiscoverPatternsResponse { FromVersion = map.PreviousVersion, ToVersion = map.Version };
            holder.Patterns.AddRange(patterns);
            insertPatterns.Parameters.AddWithValue("library", map.Library);
            insertPatterns.Parameters.AddWithValue("version", (long)map.Version);
            insertPatterns.Parameters.AddWithValue("from", (long)map.PreviousVersion);
            insertPatterns.Parameters.AddWithValue("patterns", holder.ToByteArray());
            await insertPatterns.ExecuteNonQueryAsync(cancellationToken);
        }

        if (published is not null)
        {
            await outbox.WriteAsync(transaction, Topics.DomainsDiscovered, published, cancellationToken);
        }

        await FinishAsync(connection, transaction, completion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<PublishedMap>> ReadMapsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var maps = new List<PublishedMap>();
        while (await reader.ReadAsync(cancellationToken))
        {
            maps.Add(new PublishedMap(reader.GetInt64(1), DomainMap.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0))));
        }

        return maps;
    }
}
