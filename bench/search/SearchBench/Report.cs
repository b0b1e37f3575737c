using System.Globalization;

namespace MultiCluster.Bench.Search;

/// <summary>Figures as "key=value" lines on stdout, and result ids as one line per query.</summary>
internal static class Report
{
    public static void Line(string key, string value)
    {
        Console.Out.WriteLine($"{key}={value}");
        Console.Out.Flush();
    }

    public static void Figure(string key, double value) => Line(key, value.ToString("F1", CultureInfo.InvariantCulture));

    public static void WriteIds(string path, ulong[][] ids)
    {
        using var writer = new StreamWriter(path);
        foreach (var row in ids)
        {
            writer.WriteLine(string.Join(' ', row.Select(id => id.ToString(CultureInfo.InvariantCulture))));
        }
    }
}
