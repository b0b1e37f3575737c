namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// How unevenly load, size and domains spread over the clusters that keep their data (draining ones excluded), and how
/// many domain copies still sit on draining clusters. Each spread is the coefficient of variation and the max/mean
/// ratio (0 and 1 when even; 0 and 0 when nothing is there to spread).
/// </summary>
public sealed record BalanceMeasure(
    double LoadCv, double LoadMaxOverMean, double SizeCv, double SizeMaxOverMean, double CountCv, double CountMaxOverMean, int DrainingCopies)
{
    /// <summary>Coefficient of variation (population) and max/mean of <paramref name="values"/>; zeros when their mean is 0.</summary>
    public static (double Cv, double MaxOverMean) Spread(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return (0, 0);
        }

        var mean = values.Average();
        if (mean <= 0)
        {
            return (0, 0);
        }

        var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        return (sd / mean, values.Max() / mean);
    }
}
