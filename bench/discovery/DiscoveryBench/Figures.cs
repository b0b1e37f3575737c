using System.Globalization;

namespace MultiCluster.Bench.Discovery;

/// <summary>Figures as "key=value" lines on stdout (run.sh collects them), labels as one int per line.</summary>
internal static class Figures
{
    public const string NotAvailable = "n/a";

    public static void Line(string key, string value)
    {
        Console.Out.WriteLine($"{key}={value}");
        Console.Out.Flush();
    }

    public static void Line(string key, double value, string format = "F1") =>
        Line(key, value.ToString(format, CultureInfo.InvariantCulture));

    public static void Inertia(string key, double value) => Line(key, value, "E6");

    public static void WriteLabels(string path, int[] labels)
    {
        using var writer = new StreamWriter(path);
        foreach (var label in labels)
        {
            writer.WriteLine(label.ToString(CultureInfo.InvariantCulture));
        }
    }
}
