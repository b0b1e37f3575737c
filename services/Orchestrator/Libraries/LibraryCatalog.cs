using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.Outbox;
using Npgsql;

namespace MultiCluster.Orchestrator.Libraries;

/// <summary>The libraries table: what a library is (dimension, distance), by name.</summary>
public sealed class LibraryCatalog(NpgsqlDataSource dataSource, OutboxWriter outbox)
{
    /// <summary>Adds the library unless one of that name exists; returns the stored one and whether this call made it.</summary>
    public async Task<(Library Library, bool Created)> AddAsync(string name, uint dimension, Distance distance, string description, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH added AS (
                INSERT INTO libraries (name, dimension, distance, description) VALUES (@name, @dimension, @distance, @description)
                ON CONFLICT (name) DO NOTHING
                RETURNING name, dimension, distance, description, created_at, true AS created)
            SELECT * FROM added
            UNION ALL
            SELECT name, dimension, distance, description, created_at, false FROM libraries WHERE name = @name AND NOT EXISTS (SELECT 1 FROM added)
            """);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("dimension", (int)dimension);
        command.Parameters.AddWithValue("distance", (short)distance);
        command.Parameters.AddWithValue("description", description);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (Read(reader), reader.GetBoolean(5));
    }

    public async Task<Library?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name, dimension, distance, description, created_at FROM libraries WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Up to <paramref name="limit"/> libraries after <paramref name="after"/> (exclusive), by name.</summary>
    public async Task<IReadOnlyList<Library>> ListAsync(string after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT name, dimension, distance, description, created_at FROM libraries WHERE name > @after ORDER BY name LIMIT @limit
            """);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        var libraries = new List<Library>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            libraries.Add(Read(reader));
        }

        return libraries;
    }

    /// <summary>
    /// Removes the library with everything kept for it (settings, routing calibration, fusion model) and, in the same
    /// transaction, writes "library.dropped" to the outbox, so Discovery and Specialization hear of exactly the drops
    /// that committed. Returns the removed library; null when there was none.
    /// </summary>
    public async Task<Library?> RemoveAsync(string name, DateTimeOffset droppedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH settings AS (DELETE FROM library_settings WHERE library = @name),
                 calibrations AS (DELETE FROM routing_calibrations WHERE library = @name),
                 models AS (DELETE FROM fusion_models WHERE library = @name)
            DELETE FROM libraries WHERE name = @name RETURNING name, dimension, distance, description, created_at
            """, connection, transaction);
        command.Parameters.AddWithValue("name", name);
        Library? removed = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                removed = Read(reader);
            }
        }

        if (removed is not null)
        {
            await outbox.WriteAsync(transaction, Topics.LibraryDropped, new LibraryDroppedEvent
            {
                Library = name,
                CreatedAt = removed.CreatedAt,
                DroppedAt = Timestamp.FromDateTimeOffset(droppedAt),
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private static Library Read(NpgsqlDataReader reader) => new()
    {
        Name = reader.GetString(0),
        Dimension = (uint)reader.GetInt32(1),
        Distance = (Distance)reader.GetInt16(2),
        Description = reader.GetString(3),
        CreatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc)),
    };
}
