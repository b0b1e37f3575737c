namespace MultiCluster.Discovery.Domains;

/// <summary>
/// How sure a detected change is not sampling noise. Each change is measured as a z-score, its size over the standard
/// error the samples put on it, and reported as erf(z / √2): the probability that a normal deviate stays within ±z,
/// i.e. one minus the two-sided p-value of "nothing changed". So larger samples (smaller errors) give higher confidence,
/// and a change no bigger than the sampling noise gives about 0.68 or less.
/// </summary>
internal static class PatternConfidence
{
    /// <summary>
    /// A change of a domain's point count. The count is the library's total times the share p̂ of n sampled rows, and
    /// p̂ has standard error √(p̂(1 − p̂) / n); the totals themselves are counted, not sampled.
    /// </summary>
    public static double CountChange(ulong oldCount, ulong oldTotal, ulong oldSampled, ulong newCount, ulong newTotal, ulong newSampled)
    {
        var variance = CountVariance(oldCount, oldTotal, oldSampled) + CountVariance(newCount, newTotal, newSampled);
        var change = Math.Abs((double)newCount - oldCount);
        return variance <= 0 ? (change > 0 ? 1 : 0) : FromZ(change / Math.Sqrt(variance));
    }

    /// <summary>
    /// A centroid movement (Euclidean, between prepared rows). A centroid averaged over m members whose distances to it
    /// are about r (the radius, taken as two standard deviations of their spread) is off by about r / (2√m).
    /// </summary>
    public static double Movement(double euclidean, double oldRadius, double oldMembers, double newRadius, double newMembers)
    {
        var variance = CentroidVariance(oldRadius, oldMembers) + CentroidVariance(newRadius, newMembers);
        return variance <= 0 ? (euclidean > 0 ? 1 : 0) : FromZ(euclidean / Math.Sqrt(variance));
    }

    /// <summary>A domain present in one version and not the other: m sampled members against none, Poisson z ≈ √m.</summary>
    public static double Presence(double sampledMembers) => FromZ(Math.Sqrt(Math.Max(0, sampledMembers)));

    /// <summary>Rows of the sample that fell in a domain holding <paramref name="points"/> of the library.</summary>
    public static double SampledMembers(ulong points, ulong sampledPoints, ulong totalPoints) =>
        totalPoints == 0 ? 0 : (double)points * sampledPoints / totalPoints;

    private static double CountVariance(ulong count, ulong total, ulong sampled)
    {
        if (sampled == 0 || total == 0)
        {
            return 0;
        }

        var share = Math.Min(1, (double)count / total);
        return (double)total * total * share * (1 - share) / sampled;
    }

    private static double CentroidVariance(double radius, double members) =>
        members <= 0 ? 0 : Math.Pow(radius / 2, 2) / members;

    private static double FromZ(double z) => Math.Clamp(Erf(z / Math.Sqrt(2)), 0, 1);

    /// <summary>Abramowitz and Stegun 7.1.26, error below 1.5e-7: plenty for a confidence shown with two digits.</summary>
    private static double Erf(double x)
    {
        var t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var value = 1 - (poly * Math.Exp(-x * x));
        return x < 0 ? -value : value;
    }
}
