using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// Ranked lists into one, by the contract's fusion algorithms. Pure: no I/O, the same input gives the same output
/// (ties broken by point id). A point in several lists (replicas, a domain read from both places while it moves)
/// appears once in the result.
/// </summary>
public static class ResultFusion
{
    /// <summary>The best <paramref name="limit"/> fused points (0: all), each with what every list contributed.</summary>
    public static IReadOnlyList<FusedPoint> Fuse(IReadOnlyList<RankedSource> lists, FusionConfig config, int limit)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(config);
        return config.Algorithm switch
        {
            FusionAlgorithm.Unspecified or FusionAlgorithm.MaxScore => MaxScore(lists, limit),
            _ => throw new NotSupportedException($"fusion.algorithm: {config.Algorithm} is not built yet."),
        };
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
