using System.Globalization;

namespace MultiCluster.Bench.Routing;

/// <summary>Figures as key=value lines on stdout (run.sh and routing_peer.py read them); progress on stderr.</summary>
internal static class Figures
{
    public static void Write(string key, double value, string format) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value.ToString(format, CultureInfo.InvariantCulture)}"));

    public static void Progress(string line) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));

    /// <summary>The q-quantile (0..1) of the values, by the nearest rank.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>One query's answer per line, ids separated by spaces, for routing_peer.py.</summary>
    public static void WriteIds(string directory, string name, IEnumerable<IEnumerable<string>> rows) =>
        File.WriteAllLines(Path.Combine(directory, name + ".ids"), rows.Select(r => string.Join(' ', r)));
}
