namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// Learns ML_BASED's calibrations: for each source, a logistic regression of "this point is among the exhaustive top
/// results" on the point's score in that source's list (higher-is-better form), fitted by Newton's method with a
/// little L2 on the slope so a perfectly separating source still gets a finite, steep map. A source with too few
/// points, or whose points are all in (or all out of) the top, uses the calibration fitted over every source.
/// </summary>
public static class FusionModelTrainer
{
    /// <summary>Points a source needs in the samples for a calibration of its own.</summary>
    public const int MinPointsPerSource = 20;

    private const double SlopePenalty = 1.0;
    private const int MaxIterations = 100;

    /// <summary>The model, or null when the samples hold no point in the exhaustive top, or none outside it.</summary>
    public static FusionModel? Train(IReadOnlyList<FusionTrainingSample> samples, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var bySource = new Dictionary<string, List<(double Score, bool InTop)>>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var top = sample.ExhaustiveIds.ToHashSet(StringComparer.Ordinal);
            foreach (var list in sample.Lists)
            {
                if (!bySource.TryGetValue(list.Source, out var observations))
                {
                    bySource[list.Source] = observations = [];
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var point in list.Points.Where(p => seen.Add(p.Id)))
                {
                    observations.Add((list.LowerIsBetter ? -(double)point.Score : point.Score, top.Contains(point.Id)));
                }
            }
        }

        var pooled = Fit([.. bySource.Values.SelectMany(o => o)]);
        if (pooled is null)
        {
            return null;
        }

        var sources = new Dictionary<string, ScoreCalibration>(StringComparer.Ordinal);
        foreach (var (source, observations) in bySource)
        {
            if (observations.Count >= MinPointsPerSource && Fit(observations) is { } own)
            {
                sources[source] = own;
            }
        }

        return new FusionModel(sources, pooled, samples.Count, now);
    }

    /// <summary>Logistic regression on one feature, standardised for the fit and mapped back to raw scores.</summary>
    private static ScoreCalibration? Fit(List<(double Score, bool InTop)> observations)
    {
        var positives = observations.Count(o => o.InTop);
        if (positives == 0 || positives == observations.Count)
        {
            return null;
        }

        var mean = observations.Average(o => o.Score);
        var sd = Math.Sqrt(observations.Average(o => (o.Score - mean) * (o.Score - mean)));
        var scale = sd > 0 ? sd : 1.0;
        double a = 0, b = Math.Log((double)positives / (observations.Count - positives));
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            // Gradient and Hessian of the penalised negative log-likelihood in (a, b).
            double ga = SlopePenalty * a, gb = 0, haa = SlopePenalty, hab = 0, hbb = 1e-9;
            foreach (var (score, inTop) in observations)
            {
                var z = (score - mean) / scale;
                var p = new ScoreCalibration(a, b).Probability(z);
                var residual = p - (inTop ? 1 : 0);
                var curvature = p * (1 - p);
                ga += residual * z;
                gb += residual;
                haa += curvature * z * z;
                hab += curvature * z;
                hbb += curvature;
            }

            var determinant = (haa * hbb) - (hab * hab);
            if (determinant <= 0)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / determinant;
            var db = ((haa * gb) - (hab * ga)) / determinant;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        // A slope at or below zero would turn a list's order around; such a source says nothing usable about rank.
        a = Math.Max(a, 1e-6);
        return new ScoreCalibration(a / scale, b - (a * mean / scale));
    }
}
