using Npgsql;

namespace MultiCluster.Storage.Schema;

/// <summary>Reads and writes the schema_version table.</summary>
public static class SchemaHistory
{
    public static async Task<IReadOnlyList<AppliedMigration>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT module, version, file_name, checksum, applied_at FROM schema_version ORDER BY module, version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AppliedMigration(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    internal static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO schema_version (module, version, file_name, checksum) VALUES (@module, @version, @file, @checksum)", connection, transaction);
        command.Parameters.AddWithValue("module", migration.Module);
        command.Parameters.AddWithValue("version", migration.Version);
        command.Parameters.AddWithValue("file", migration.FileName);
        command.Parameters.AddWithValue("checksum", migration.Checksum);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
