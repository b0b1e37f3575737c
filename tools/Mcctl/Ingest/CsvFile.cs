using System.Globalization;

namespace MultiCluster.Mcctl.Ingest;

/// <summary>
/// A CSV file of one vector per row, comma-separated numbers. A first line with a non-number in it is a header; the id
/// column is the one named by --id-column (a header name or a 0-based index), else a header column called "id", else
/// none (ids are row numbers). Quoting is not read: vectors are numbers.
/// </summary>
internal sealed class CsvFile : IPointFile
{
    private readonly string _path;
    private readonly bool _header;
    private readonly int? _idColumn;

    private CsvFile(string path, bool header, int? idColumn, long rows, int columns)
    {
        _path = path;
        _header = header;
        _idColumn = idColumn;
        Rows = rows;
        Dimension = columns - (idColumn is null ? 0 : 1);
    }

    public long Rows { get; }

    public int? Dimension { get; }

    public static CsvFile Open(string path, string? idColumn)
    {
        var lines = File.ReadLines(path).Where(l => l.Trim().Length > 0);
        var first = lines.FirstOrDefault() ?? throw CliException.Usage($"{path}: empty; a CSV needs one vector per row.");
        var fields = Split(first);
        var header = fields.Any(f => !float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        int? id = idColumn switch
        {
            null or "" when header => Array.FindIndex(fields, f => f.Equals("id", StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : null,
            null or "" => null,
            _ when int.TryParse(idColumn, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < fields.Length => index,
            _ when header && Array.FindIndex(fields, f => f.Equals(idColumn, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 => i,
            _ => throw CliException.Usage($"--id-column: '{idColumn}' is neither a column of {path}'s header nor a column index below {fields.Length}."),
        };
        var rows = lines.LongCount() - (header ? 1 : 0);
        return new CsvFile(path, header, id, rows, fields.Length);
    }

    public IEnumerable<Point> Read(long skip)
    {
        var row = -1L;
        var lineNumber = 0;
        var headerToSkip = _header;
        foreach (var line in File.ReadLines(_path))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (headerToSkip)
            {
                headerToSkip = false;
                continue;
            }

            if (++row >= skip)
            {
                yield return Parse(line, row, lineNumber);
            }
        }
    }

    private Point Parse(string line, long row, int lineNumber)
    {
        var fields = Split(line);
        if (fields.Length != Dimension + (_idColumn is null ? 0 : 1))
        {
            throw CliException.Usage($"{_path}:{lineNumber}: {fields.Length} columns, but the first row has {Dimension + (_idColumn is null ? 0 : 1)}.");
        }

        var point = new Point { Id = _idColumn is { } id ? fields[id] : row.ToString(CultureInfo.InvariantCulture) };
        for (var i = 0; i < fields.Length; i++)
        {
            if (i == _idColumn)
            {
                continue;
            }

            point.Vector.Add(float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw CliException.Usage($"{_path}:{lineNumber}: column {i}: '{fields[i]}' is not a number."));
        }

        return point;
    }

    private static string[] Split(string line) => line.Split(',', StringSplitOptions.TrimEntries);
}
