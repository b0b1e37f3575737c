using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Reads rows (name, bucket start, value), ordered by name then time, into one series per name.</summary>
internal static class SeriesReader
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var series = new Dictionary<string, List<SeriesPoint>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (!series.TryGetValue(name, out var points))
            {
                series[name] = points = [];
            }

            points.Add(new SeriesPoint(reader.GetFieldValue<DateTimeOffset>(1), reader.GetDouble(2)));
        }

        return series.ToDictionary(p => p.Key, p => (IReadOnlyList<SeriesPoint>)p.Value, StringComparer.Ordinal);
    }
}
