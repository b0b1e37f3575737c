namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// How unevenly one quantity spreads over clusters: its mean, the busiest cluster against the mean, and the
/// coefficient of variation (population standard deviation / mean; 0 when the mean is 0). <see cref="Responsible"/>
/// names the clusters above mean x (1 + threshold), highest first.
/// </summary>
public sealed record DimensionImbalance(
    string Dimension, double Mean, double MaxOverMean, double CoefficientOfVariation, double Threshold, bool Exceeded, IReadOnlyList<string> Responsible)
{
    /// <summary>Measures <paramref name="values"/>; exceeded when the coefficient of variation is above <paramref name="threshold"/>.</summary>
    public static DimensionImbalance Measure(string dimension, IReadOnlyList<(string Name, double Value)> values, double threshold)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new DimensionImbalance(dimension, 0, 0, 0, threshold, false, []);
        }

        var mean = values.Average(v => v.Value);
        if (mean <= 0)
        {
            return new DimensionImbalance(dimension, mean, 0, 0, threshold, false, []);
        }

        var (cv, maxOverMean) = Spread.Of([.. values.Select(v => v.Value)]);
        var exceeded = cv > threshold;
        var responsible = values.Where(v => v.Value > mean * (1 + threshold)).OrderByDescending(v => v.Value).Select(v => v.Name).ToList();
        if (exceeded && responsible.Count == 0)
        {
            responsible.Add(values.MaxBy(v => v.Value).Name);
        }

        return new DimensionImbalance(dimension, mean, maxOverMean, cv, threshold, exceeded, responsible);
    }
}
