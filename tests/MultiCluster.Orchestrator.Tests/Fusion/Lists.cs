using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fusion;

namespace MultiCluster.Orchestrator.Tests.Fusion;

/// <summary>Ranked lists written the short way: ("a", 0.9), ("b", 0.5) ...</summary>
internal static class Lists
{
    public static RankedSource Of(string source, params (string Id, float Score)[] points) => Of(source, false, points);

    public static RankedSource Of(string source, bool lowerIsBetter, params (string Id, float Score)[] points) =>
        new(source, [.. points.Select(p => new ScoredPoint { Id = p.Id, Score = p.Score })], lowerIsBetter);

    public static FusionConfig Config(FusionAlgorithm algorithm, ScoreNormalization normalization = ScoreNormalization.Unspecified, uint rrfK = 0) =>
        new() { Algorithm = algorithm, Normalization = normalization, RrfK = rrfK };

    public static Dictionary<string, double> Scores(IReadOnlyList<FusedPoint> fused) => fused.ToDictionary(f => f.Point.Id, f => (double)f.Point.Score);

    public static string[] Ids(IReadOnlyList<FusedPoint> fused) => [.. fused.Select(f => f.Point.Id)];
}
