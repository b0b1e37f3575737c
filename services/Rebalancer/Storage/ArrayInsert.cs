using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>
/// Inserts many rows in one statement: each column sent as one typed array, the arrays unnested together (one round
/// trip however many rows; nothing when there are none).
/// </summary>
internal static class ArrayInsert
{
    /// <summary>A column and how to read its value from a row (the array keeps the value's type, so PostgreSQL knows it).</summary>
    public static (string Name, Func<IReadOnlyList<T>, object> Values) Column<T, TValue>(string name, Func<T, TValue> value) =>
        (name, rows => rows.Select(value).ToArray());

    public static async Task ExecuteAsync<T>(
        NpgsqlDataSource dataSource, string table, IReadOnlyList<T> rows, CancellationToken cancellationToken, params (string Name, Func<IReadOnlyList<T>, object> Values)[] columns)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", columns.Select(c => c.Name));
        var arrays = string.Join(", ", columns.Select((_, i) => $"@a{i}"));
        await using var command = dataSource.CreateCommand($"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})");
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.AddWithValue($"a{i}", columns[i].Values(rows));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
