using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>Samples of a scrape in Prometheus text format, found by metric name and the labels a test cares about.</summary>
public static partial class PrometheusText
{
    /// <summary>The value of the one sample of <paramref name="metric"/> carrying every label given (others may be there too).</summary>
    public static double Value(string scrape, string metric, params (string Name, string Value)[] labels)
    {
        var found = Samples(scrape, metric, labels).ToList();
        Assert.True(found.Count == 1, $"expected one sample of {metric} with {string.Join(",", labels)}, found {found.Count} in:\n{scrape}");
        return found[0];
    }

    public static IEnumerable<double> Samples(string scrape, string metric, params (string Name, string Value)[] labels) =>
        from line in scrape.Split('\n')
        let sample = SampleLine().Match(line)
        where sample.Success && sample.Groups["name"].Value == metric
        let present = LabelPair().Matches(sample.Groups["labels"].Value).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToHashSet()
        where labels.All(present.Contains)
        select double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"[,]?""")]
    private static partial Regex LabelPair();
}
