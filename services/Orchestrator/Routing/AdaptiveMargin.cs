namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// The adaptive domain count: domains are probed in closeness order while a domain's closeness is within
/// <c>margin</c> of the best one's. One rule, used by the router and by the calibration that chooses the margin.
/// </summary>
public static class AdaptiveMargin
{
    /// <summary>Margin used before a calibration exists: generous, so recall is not lost while calibrating.</summary>
    public const double UncalibratedCosineMargin = 0.25;

    /// <summary>Domains probed before a calibration exists at most (the top ones by closeness).</summary>
    public const int UncalibratedMaxDomains = 4;

    /// <summary>How many of the ranked domains (closest first) fall within the margin of the first; at least one.</summary>
    public static int Count(IReadOnlyList<DomainScore> ranked, double margin)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (ranked.Count == 0)
        {
            return 0;
        }

        var best = ranked[0].Closeness;
        var count = 1;
        while (count < ranked.Count && best - ranked[count].Closeness <= margin)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The margin before calibration, in closeness units: cosine libraries use <see cref="UncalibratedCosineMargin"/>;
    /// distance libraries a quarter of the best domain's distance (scales with the data).
    /// </summary>
    public static double Uncalibrated(IReadOnlyList<DomainScore> ranked, bool cosine) =>
        cosine ? UncalibratedCosineMargin : ranked is [var first, ..] ? Math.Abs(first.Closeness) * 0.25 : 0;
}
