namespace MultiCluster.Rebalancer.Analysis;

/// <summary>How unevenly a quantity spreads over clusters, measured the same way wherever the Rebalancer judges balance: analysis, plans and forecast breaches.</summary>
public static class Spread
{
    /// <summary>Coefficient of variation (population) and max/mean of <paramref name="values"/>; zeros when empty or their mean is 0.</summary>
    public static (double Cv, double MaxOverMean) Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = values.Count == 0 ? 0 : values.Average();
        if (mean <= 0)
        {
            return (0, 0);
        }

        var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        return (sd / mean, values.Max() / mean);
    }
}
