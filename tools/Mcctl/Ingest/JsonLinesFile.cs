using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace MultiCluster.Mcctl.Ingest;

/// <summary>JSON lines, one point per line: {"id": 7 or "uuid", "vector": [..], "payload": {..}}; id and payload optional.</summary>
internal sealed class JsonLinesFile(string path, long rows) : IPointFile
{
    public long Rows { get; } = rows;

    public int? Dimension => null;

    public static JsonLinesFile Open(string path) => new(path, File.ReadLines(path).LongCount(l => l.Trim().Length > 0));

    public IEnumerable<Point> Read(long skip)
    {
        var row = -1L;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length > 0 && ++row >= skip)
            {
                yield return Parse(line, row, lineNumber);
            }
        }
    }

    private Point Parse(string line, long row, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var point = new Point { Id = row.ToString(CultureInfo.InvariantCulture) };
            if (root.TryGetProperty("id", out var id))
            {
                point.Id = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
            }

            if (!root.TryGetProperty("vector", out var vector) || vector.ValueKind != JsonValueKind.Array)
            {
                throw CliException.Usage($"{path}:{lineNumber}: vector: missing; each line needs \"vector\": [numbers].");
            }

            foreach (var value in vector.EnumerateArray())
            {
                point.Vector.Add(value.GetSingle());
            }

            if (root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                point.Payload = JsonParser.Default.Parse<Struct>(payload.GetRawText());
            }

            return point;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or InvalidProtocolBufferException)
        {
            throw CliException.Usage($"{path}:{lineNumber}: not a point ({e.Message.TrimEnd('.')}); each line is {{\"id\": .., \"vector\": [..], \"payload\": {{..}}}}.");
        }
    }
}
