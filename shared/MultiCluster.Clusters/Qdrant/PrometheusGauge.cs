using System.Globalization;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>Reads one unlabelled sample from a Prometheus text exposition (the format of Qdrant's /metrics).</summary>
internal static class PrometheusGauge
{
    /// <summary>The value of <paramref name="name"/>, or null when the text has no sample of that name.</summary>
    public static double? Read(string exposition, string name)
    {
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            // "name value" or "name value timestamp"; "name{labels} value" and "name_suffix" belong to other series.
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length || line[name.Length] != ' ')
            {
                continue;
            }

            var rest = line[(name.Length + 1)..].Trim();
            var end = rest.IndexOf(' ');
            var value = end < 0 ? rest : rest[..end];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return null;
    }
}
