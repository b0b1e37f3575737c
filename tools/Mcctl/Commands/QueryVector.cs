using System.Globalization;
using MultiCluster.Mcctl.Ingest;

namespace MultiCluster.Mcctl.Commands;

/// <summary>The query vector of `search` and `route`: typed (--vector 0.1,0.2,...) or one row of a points file (--from-file F --row N).</summary>
internal sealed class QueryVector
{
    private readonly Option<string?> _vector = new("--vector", "-v") { Description = "The query: comma-separated numbers (\"0.1,0.2,0.3\")" };
    private readonly Option<string?> _file = new("--from-file") { Description = "Take the query from a .npy, .csv or .jsonl file (see ingest)" };
    private readonly Option<int> _row = new("--row") { Description = "With --from-file: the row to take (0-based)", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Options.Add(_vector);
        command.Options.Add(_file);
        command.Options.Add(_row);
    }

    public IEnumerable<float> Read(CommandContext ctx) => (ctx.Get(_vector), ctx.Get(_file)) switch
    {
        ({ Length: > 0 } text, null) => Parse(text),
        (null, { Length: > 0 } file) => FromFile(file, ctx.Get(_row)),
        (null, null) => throw CliException.Usage("--vector: missing; give the query as --vector 0.1,0.2,... or take it from a file with --from-file FILE [--row N]."),
        _ => throw CliException.Usage("--vector and --from-file: give one of them, not both."),
    };

    private static float[] Parse(string text) => text.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select((part, i) => float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : throw CliException.Usage($"--vector[{i}]: '{part}' is not a finite number; give comma-separated numbers like 0.1,0.2,0.3."))
        .ToArray();

    private static Google.Protobuf.Collections.RepeatedField<float> FromFile(string file, int row)
    {
        if (row < 0)
        {
            throw CliException.Usage($"--row: {row}; rows count from 0.");
        }

        return PointFiles.Open(file, format: null, idColumn: null).Read(row).FirstOrDefault()?.Vector
            ?? throw CliException.Usage($"--row: {file} has no row {row}.");
    }
}
