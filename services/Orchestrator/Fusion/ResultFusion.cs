using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// Ranked lists into one, by the contract's fusion algorithms. Pure: no I/O, the same input gives the same output
/// (ties broken by point id). A point in several lists (replicas, a domain read from both places while it moves)
/// appears once in the result, carried from the list where it scored best, with what every list contributed.
/// Lower-is-better lists (euclid distances) are turned around (negated) before any normalisation. Within one list
/// only the first (best-ranked) copy of an id counts.
/// </summary>
public static class ResultFusion
{
    /// <summary>RRF's k when the config leaves it 0.</summary>
    public const int DefaultRrfK = 60;

    /// <summary>SEMANTIC_MERGE's similarity when the config leaves it 0.</summary>
    public const double DefaultDuplicateSimilarity = 0.999;

    /// <summary>
    /// The best <paramref name="limit"/> fused points (0: all). <paramref name="model"/> is ML_BASED's calibration for
    /// the library; without one ML_BASED is WEIGHTED_SCORE with min-max normalisation, as the contract says.
    /// </summary>
    public static IReadOnlyList<FusedPoint> Fuse(IReadOnlyList<RankedSource> lists, FusionConfig config, int limit, FusionModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(config);
        return config.Algorithm switch
        {
            FusionAlgorithm.Unspecified or FusionAlgorithm.MaxScore => MaxScore(lists, limit),
            FusionAlgorithm.SemanticMerge => SemanticMerge.Apply(MaxScore(lists, 0), DuplicateSimilarity(config), limit),
            FusionAlgorithm.WeightedScore => ScoreFusion.Sum(lists, config, Normalizer(config.Normalization), multiplyByCount: false, limit),
            FusionAlgorithm.CombMnz => ScoreFusion.Sum(lists, config, Normalizer(config.Normalization), multiplyByCount: true, limit),
            FusionAlgorithm.DistributionBased => ScoreFusion.Sum(lists, config, (_, stats, score, _) => stats.ThreeSigma(score), multiplyByCount: false, limit),
            FusionAlgorithm.ReciprocalRank => ScoreFusion.Sum(lists, config, Rrf(config), multiplyByCount: false, limit),
            FusionAlgorithm.MlBased when model is not null => ScoreFusion.Max(lists, config, (list, _, score, _) => model.For(list.Source).Probability(score), limit),
            FusionAlgorithm.MlBased => ScoreFusion.Sum(lists, config, Normalizer(ScoreNormalization.MinMax), multiplyByCount: false, limit),
            _ => throw OrchestratorException.Invalid($"fusion.algorithm: {config.Algorithm} is not a fusion algorithm; use one of FUSION_ALGORITHM_MAX_SCORE to FUSION_ALGORITHM_ML_BASED."),
        };
    }

    /// <summary>The config's RRF k, its default applied.</summary>
    public static int RrfK(FusionConfig config) => config?.RrfK is > 0 and var k ? (int)k : DefaultRrfK;

    /// <summary>The config's duplicate similarity, its default applied.</summary>
    public static double DuplicateSimilarity(FusionConfig config) => config?.DuplicateSimilarity is > 0 and var s ? s : DefaultDuplicateSimilarity;

    private static ScoreFusion.ValueOf Normalizer(ScoreNormalization normalization) => normalization switch
    {
        ScoreNormalization.None => (_, _, score, _) => score,
        ScoreNormalization.ZScore => (_, stats, score, _) => stats.ZScore(score),
        _ => (_, stats, score, _) => stats.MinMax(score),
    };

    private static ScoreFusion.ValueOf Rrf(FusionConfig config)
    {
        var k = RrfK(config);
        return (_, _, _, rank) => 1.0 / (k + rank);
    }

    private static List<FusedPoint> MaxScore(IReadOnlyList<RankedSource> lists, int limit)
    {
        var best = new Dictionary<string, FusedPoint>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            for (var rank = 0; rank < list.Points.Count; rank++)
            {
                var point = list.Points[rank];
                var score = list.LowerIsBetter ? -point.Score : point.Score;
                var contribution = new FusionContribution { Source = list.Source, Rank = (uint)rank + 1, Score = point.Score, Contribution = score };
                if (!best.TryGetValue(point.Id, out var fused))
                {
                    best[point.Id] = fused = new FusedPoint { Point = point.Clone() };
                    fused.Point.Score = point.Score;
                }
                else if (Better(score, fused.Point.Score, list.LowerIsBetter))
                {
                    var contributions = fused.Contributions.ToList();
                    best[point.Id] = fused = new FusedPoint { Point = point.Clone() };
                    fused.Contributions.AddRange(contributions);
                }

                fused.Contributions.Add(contribution);
            }
        }

        var lowerIsBetter = lists.Count > 0 && lists.All(l => l.LowerIsBetter);
        var ordered = best.Values
            .OrderBy(p => lowerIsBetter ? p.Point.Score : -p.Point.Score)
            .ThenBy(p => p.Point.Id, StringComparer.Ordinal);
        return [.. limit > 0 ? ordered.Take(limit) : ordered];
    }

    private static bool Better(double score, float current, bool lowerIsBetter) => score > (lowerIsBetter ? -current : current);
}
