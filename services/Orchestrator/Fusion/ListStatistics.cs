namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// Minimum, maximum, mean and (population) standard deviation of one list's scores in higher-is-better form, which
/// every normalisation of the contract is defined by.
/// </summary>
internal readonly record struct ListStatistics(double Min, double Max, double Mean, double StandardDeviation)
{
    public static ListStatistics Of(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0)
        {
            return default;
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (var score in scores)
        {
            min = Math.Min(min, score);
            max = Math.Max(max, score);
            sum += score;
        }

        var mean = sum / scores.Count;
        var squares = 0.0;
        foreach (var score in scores)
        {
            squares += (score - mean) * (score - mean);
        }

        return new ListStatistics(min, max, mean, Math.Sqrt(squares / scores.Count));
    }

    /// <summary>(score - min) / (max - min); a list whose scores are all equal gives 1, each being its list's best.</summary>
    public double MinMax(double score) => Max > Min ? (score - Min) / (Max - Min) : 1.0;

    /// <summary>(score - mean) / sd; 0 when every score is the mean.</summary>
    public double ZScore(double score) => StandardDeviation > 0 ? (score - Mean) / StandardDeviation : 0.0;

    /// <summary>
    /// Distribution-based score fusion: the score placed between mean - 3 sd (0) and mean + 3 sd (1), not clamped, so
    /// an outlier keeps its lead; 0.5 (the mean) when the list has no spread.
    /// </summary>
    public double ThreeSigma(double score) => StandardDeviation > 0 ? (score - (Mean - 3 * StandardDeviation)) / (6 * StandardDeviation) : 0.5;
}
