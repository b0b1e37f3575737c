using System.Globalization;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.Tuning;

/// <summary>The strategy table lives in the code and is repeated in the README; the two must say the same.</summary>
public sealed class StrategyTableTests
{
    [Fact]
    public void ReadmeTable_MatchesStrategySettings_RowByRow()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryBuild.Root, "services", "Specialization", "README.md"));
        var header = Array.FindIndex(readme, l => l.StartsWith("| strategy |", StringComparison.Ordinal));
        Assert.True(header >= 0, "README has no strategy table");
        var rows = readme.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();

        var strategies = Enum.GetValues<OptimizationStrategy>().Where(s => s != OptimizationStrategy.Unspecified).ToList();
        Assert.Equal(strategies.Select(s => s.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var code = StrategySettings.For(Enum.Parse<OptimizationStrategy>(row[0], ignoreCase: true));
            var quantization = code.Quantization switch
            {
                Quantization.ScalarInt8 => "scalar_int8",
                _ => code.Quantization.ToString().ToLowerInvariant(),
            } + (code.ScalarQuantile == 0 ? "" : $" (quantile {code.ScalarQuantile.ToString(CultureInfo.InvariantCulture)})");
            string[] expected =
            [
                row[0], Text(code.HnswM), Text(code.HnswEfConstruct), Text(code.HnswEf), quantization, Text(code.QuantizationAlwaysRam),
                Text(code.OnDisk), Text(code.HnswOnDisk), Text(code.ShardNumber), Text(code.ReplicationFactor),
            ];
            Assert.Equal(expected, row);
        }
    }

    private static string[] Cells(string line) => [.. line.Trim('|').Split('|').Select(c => c.Trim())];

    private static string Text(uint value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";
}
