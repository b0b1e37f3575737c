namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// Chooses the adaptive margin: the smallest margin whose recall@k against exhaustive search over the calibration half
/// of the sample reaches the target with some confidence (the mean less one standard error, so a margin that only
/// just fits the half it was chosen on is not taken); then measures it on the held-out half. Pure and
/// deterministic: the sample is split by position (even, odd).
/// </summary>
public static class MarginCalibration
{
    public const int K = 10;

    public sealed record Result(double Margin, double CalibrationRecall, int HeldOutQueries, double HeldOutRecall, double MeanDomainsProbed, double ProbedFraction);

    public static Result Calibrate(IReadOnlyList<CalibrationQuery> sample, double recallTarget)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var calibration = sample.Where((_, i) => i % 2 == 0).ToList();
        var heldOut = sample.Where((_, i) => i % 2 == 1).ToList();
        if (heldOut.Count == 0)
        {
            heldOut = calibration;
        }

        // Recall only grows with the margin, and only changes at a query's gap to one of its domains: search those.
        var gaps = calibration.SelectMany(q => q.Ranked.Select(d => q.Ranked[0].Closeness - d.Closeness)).Append(0).Distinct().Order().ToArray();
        int low = 0, high = gaps.Length - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (LowerBound(calibration, gaps[mid]) >= recallTarget)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        var margin = gaps.Length > 0 ? gaps[low] : 0;
        var probed = heldOut.Select(q => AdaptiveMargin.Count(q.Ranked, margin)).ToList();
        var fractions = heldOut.Select((q, i) => Fraction(q, probed[i])).ToList();
        return new Result(
            margin,
            MeanRecall(calibration, margin),
            heldOut.Count,
            MeanRecall(heldOut, margin),
            probed.Count > 0 ? probed.Average() : 0,
            fractions.Count > 0 ? fractions.Average() : 0);
    }

    /// <summary>Recall@k of probing the domains within <paramref name="margin"/> of the best, against all domains.</summary>
    public static double Recall(CalibrationQuery query, double margin)
    {
        ArgumentNullException.ThrowIfNull(query);
        var exhaustive = Top(query.HitsByDomain.Values);
        if (exhaustive.Count == 0)
        {
            return 1;
        }

        var probed = query.Ranked.Take(AdaptiveMargin.Count(query.Ranked, margin))
            .Select(d => query.HitsByDomain.GetValueOrDefault(d.DomainId) ?? []);
        return Top(probed).Intersect(exhaustive, StringComparer.Ordinal).Count() / (double)exhaustive.Count;
    }

    private static double LowerBound(List<CalibrationQuery> queries, double margin)
    {
        if (queries.Count < 2)
        {
            return MeanRecall(queries, margin);
        }

        var recalls = queries.Select(q => Recall(q, margin)).ToList();
        var mean = recalls.Average();
        var variance = recalls.Sum(r => (r - mean) * (r - mean)) / (recalls.Count - 1);
        return mean - Math.Sqrt(variance / recalls.Count);
    }

    private static double MeanRecall(List<CalibrationQuery> queries, double margin) =>
        queries.Count == 0 ? 1 : queries.Average(q => Recall(q, margin));

    private static List<string> Top(IEnumerable<IReadOnlyList<(string Id, double Score)>> lists) =>
        [.. lists.SelectMany(l => l).OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Select(h => h.Id).Distinct(StringComparer.Ordinal).Take(K)];

    private static double Fraction(CalibrationQuery query, int probed)
    {
        var total = query.Ranked.Sum(d => (double)d.PointCount);
        return total > 0 ? query.Ranked.Take(probed).Sum(d => (double)d.PointCount) / total : 0;
    }
}
