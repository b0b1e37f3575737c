namespace MultiCluster.Mcctl.Ingest;

/// <summary>Opens a file of points by its --format, else by its extension.</summary>
internal static class PointFiles
{
    public static readonly string[] Formats = ["npy", "csv", "jsonl"];

    public static IPointFile Open(string path, string? format, string? idColumn)
    {
        if (!File.Exists(path))
        {
            throw CliException.NotFound($"{path}: no such file.");
        }

        var kind = format is { Length: > 0 } ? format : Path.GetExtension(path).TrimStart('.').ToLowerInvariant() switch
        {
            "npy" => "npy",
            "csv" or "txt" => "csv",
            "jsonl" or "ndjson" or "json" => "jsonl",
            var other => throw CliException.Usage($"{path}: extension '.{other}' says nothing of the format; give --format npy, csv or jsonl."),
        };
        return kind switch
        {
            "npy" => NpyFile.Open(path),
            "csv" => CsvFile.Open(path, idColumn),
            _ => JsonLinesFile.Open(path),
        };
    }
}
