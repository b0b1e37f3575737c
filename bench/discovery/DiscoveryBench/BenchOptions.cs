using System.Globalization;

namespace MultiCluster.Bench.Discovery;

/// <summary>The command line of DiscoveryBench.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: DiscoveryBench --dataset DIR --out DIR --run WHAT [options]
          --dataset DIR       directory of Fashion-MNIST's gzipped IDX files
          --out DIR           where labels files (WHAT.labels, one int per line) are written
          --run WHAT          kmeans | mlnet | dbscan | ward | hybrid
          --k N               clusters for kmeans and mlnet (default 10)
          --n-init N          k-means initialisations (default 1, as sklearn_bench.py)
          --max-iter N        k-means iteration cap (default 300, as sklearn_bench.py)
          --tol X             scikit-learn's relative tolerance, converted to ours (default 1e-4)
          --rows N            sample (the first N images) for dbscan and ward (default 5000)
          --min-points N      DBSCAN's MinPoints, the point itself counted (default 5)
          --tight X           a second DBSCAN run at X × our knee epsilon (default 0.8; 0 skips it)
          --max-domains N     hybrid's MaxDomains (default 16); ward cuts at --k
        """;

    public string DatasetDirectory { get; init; } = "";

    public string OutputDirectory { get; init; } = "";

    public string Run { get; init; } = "";

    public int K { get; init; } = 10;

    public int Initializations { get; init; } = 1;

    public int MaxIterations { get; init; } = 300;

    public double RelativeTolerance { get; init; } = 1e-4;

    public int Rows { get; init; } = 5000;

    public int MinPoints { get; init; } = 5;

    public double TightFactor { get; init; } = 0.8;

    public int MaxDomains { get; init; } = 16;

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
                "--run" when value is "kmeans" or "mlnet" or "dbscan" or "ward" or "hybrid" => options with { Run = value },
                "--k" when Positive(value, out var n) => options with { K = n },
                "--n-init" when Positive(value, out var n) => options with { Initializations = n },
                "--max-iter" when Positive(value, out var n) => options with { MaxIterations = n },
                "--tol" when NonNegative(value, out var x) => options with { RelativeTolerance = x },
                "--rows" when Positive(value, out var n) => options with { Rows = n },
                "--min-points" when Positive(value, out var n) => options with { MinPoints = n },
                "--tight" when NonNegative(value, out var x) => options with { TightFactor = x },
                "--max-domains" when Positive(value, out var n) => options with { MaxDomains = n },
                _ => null,
            };
            if (next is null)
            {
                error = $"Unknown option or bad value: {name} {value}";
                return false;
            }

            options = next;
        }

        if (options.DatasetDirectory.Length == 0 || options.OutputDirectory.Length == 0 || options.Run.Length == 0)
        {
            error = "--dataset, --out and --run are required.";
            return false;
        }

        return true;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static bool NonNegative(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0;
}
