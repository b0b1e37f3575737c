namespace MultiCluster.Discovery.Analysis;

/// <summary>The phases an analysis reports (discovery.proto, WatchAnalysisResponse) and the share of the whole each takes.</summary>
public sealed record AnalysisPhase(string Name, double StartPercent, double EndPercent)
{
    public static readonly AnalysisPhase Sampling = new("sampling", 0, 35);
    public static readonly AnalysisPhase Clustering = new("clustering", 35, 85);
    public static readonly AnalysisPhase Scoring = new("scoring", 85, 93);
    public static readonly AnalysisPhase Storing = new("storing", 93, 98);
    public static readonly AnalysisPhase Publishing = new("publishing", 98, 100);

    /// <summary>Overall percent when <paramref name="fraction"/> of this phase is done.</summary>
    public double Percent(double fraction) => StartPercent + ((EndPercent - StartPercent) * Math.Clamp(fraction, 0, 1));
}
