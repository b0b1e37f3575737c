using System.Globalization;

namespace MultiCluster.Bench.Search;

/// <summary>The command line of SearchBench.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: SearchBench --dataset DIR --out DIR [options]
          --dataset DIR     directory of Fashion-MNIST's gzipped IDX files
          --out DIR         where result ids (inproc.ids, rest.ids) are written
          --mode M          all | inproc | rest (default all)
          --tag T           suffix of the in-process figures' keys and ids file (default none)
          --queries N       first N test images are the queries (default 1000)
          --train N         index only the first N train images (default all 60,000; for scaling checks)
          --server DLL      LocalCluster.dll to start for the REST run
          --clients N       concurrent HTTP clients for the REST search (default 4)
          --batch N         points per REST upsert request (default 1000)
          --pid-file FILE   the LocalCluster process id is written here (so run.sh can stop it)
        """;

    public string DatasetDirectory { get; init; } = "";

    public string OutputDirectory { get; init; } = "";

    public string Mode { get; init; } = "all";

    public string Tag { get; init; } = "";

    public int Queries { get; init; } = 1000;

    public int Train { get; init; } = int.MaxValue;

    public string? Server { get; init; }

    public int Clients { get; init; } = 4;

    public int Batch { get; init; } = 1000;

    public string? PidFile { get; init; }

    public static bool TryRead(IReadOnlyList<string> args, out BenchOptions options, out string error)
    {
        options = new BenchOptions();
        error = "";
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[i + 1];
            BenchOptions? next = name switch
            {
                "--dataset" => options with { DatasetDirectory = value },
                "--out" => options with { OutputDirectory = value },
                "--mode" when value is "all" or "inproc" or "rest" => options with { Mode = value },
                "--tag" => options with { Tag = value },
                "--queries" when Positive(value, out var n) => options with { Queries = n },
                "--train" when Positive(value, out var n) => options with { Train = n },
                "--server" => options with { Server = value },
                "--clients" when Positive(value, out var n) => options with { Clients = n },
                "--batch" when Positive(value, out var n) => options with { Batch = n },
                "--pid-file" => options with { PidFile = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"Unknown option or bad value: {name} {value}";
                return false;
            }

            options = next;
        }

        if (options.DatasetDirectory.Length == 0 || options.OutputDirectory.Length == 0)
        {
            error = "--dataset and --out are required.";
            return false;
        }

        if (options.Mode is "all" or "rest" && options.Server is null)
        {
            error = "--server is required for the REST run.";
            return false;
        }

        return true;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
