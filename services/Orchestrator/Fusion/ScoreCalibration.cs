namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// A logistic map from a list's score (higher-is-better form) to the probability that the point is among the exhaustive
/// top results: p = 1 / (1 + e^-(slope x score + intercept)). The slope is kept positive, so a list's own order is never
/// changed; only lists are put on one scale.
/// </summary>
public sealed record ScoreCalibration(double Slope, double Intercept)
{
    public double Probability(double score)
    {
        var z = (Slope * score) + Intercept;
        return z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
    }
}
