using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// The score-combining algorithms: each list gives each of its points a value (normalised score, reciprocal rank,
/// calibrated probability) times the list's weight, and the values of one point are summed or the best one kept.
/// </summary>
internal static class ScoreFusion
{
    /// <summary>A point's value in its list: from the list, its statistics, its higher-is-better score and its rank (from 1).</summary>
    public delegate double ValueOf(RankedSource list, ListStatistics statistics, double score, int rank);

    /// <summary>Sum over lists of weight x value; CombMNZ multiplies the sum by the number of lists holding the point.</summary>
    public static List<FusedPoint> Sum(IReadOnlyList<RankedSource> lists, FusionConfig config, ValueOf value, bool multiplyByCount, int limit)
    {
        var fused = Collect(lists, config, value);
        foreach (var point in fused.Values)
        {
            var factor = multiplyByCount ? point.Contributions.Count : 1;
            foreach (var contribution in point.Contributions)
            {
                contribution.Contribution *= factor;
            }

            point.Total = point.Contributions.Sum(c => c.Contribution);
        }

        return Ranked(fused.Values, limit);
    }

    /// <summary>The best weight x value over the lists holding the point (copies of one point are not more evidence).</summary>
    public static List<FusedPoint> Max(IReadOnlyList<RankedSource> lists, FusionConfig config, ValueOf value, int limit)
    {
        var fused = Collect(lists, config, value);
        foreach (var point in fused.Values)
        {
            point.Total = point.Contributions.Max(c => c.Contribution);
        }

        return Ranked(fused.Values, limit);
    }

    private static Dictionary<string, Accumulated> Collect(IReadOnlyList<RankedSource> lists, FusionConfig config, ValueOf value)
    {
        var points = new Dictionary<string, Accumulated>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            var weight = config.Weights.TryGetValue(list.Source, out var w) ? w : 1.0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var firsts = new List<(ScoredPoint Point, int Rank, double Score)>(list.Points.Count);
            for (var i = 0; i < list.Points.Count; i++)
            {
                var point = list.Points[i];
                if (seen.Add(point.Id))
                {
                    firsts.Add((point, i + 1, list.LowerIsBetter ? -(double)point.Score : point.Score));
                }
            }

            var statistics = ListStatistics.Of([.. firsts.Select(f => f.Score)]);
            foreach (var (point, rank, score) in firsts)
            {
                if (!points.TryGetValue(point.Id, out var accumulated))
                {
                    points[point.Id] = accumulated = new Accumulated(point, score);
                }
                else if (score > accumulated.BestScore)
                {
                    accumulated.Carried = point;
                    accumulated.BestScore = score;
                }

                accumulated.Contributions.Add(new FusionContribution
                {
                    Source = list.Source,
                    Rank = (uint)rank,
                    Score = point.Score,
                    Contribution = weight * value(list, statistics, score, rank),
                });
            }
        }

        return points;
    }

    private static List<FusedPoint> Ranked(IEnumerable<Accumulated> points, int limit)
    {
        // Ordered by the score the caller sees (a float), so equal visible scores are ordered by id.
        var ordered = points.OrderByDescending(p => (float)p.Total).ThenBy(p => p.Carried.Id, StringComparer.Ordinal);
        return [.. (limit > 0 ? ordered.Take(limit) : ordered).Select(p => p.ToFused())];
    }

    private sealed class Accumulated(ScoredPoint carried, double bestScore)
    {
        public ScoredPoint Carried { get; set; } = carried;

        public double BestScore { get; set; } = bestScore;

        public List<FusionContribution> Contributions { get; } = [];

        public double Total { get; set; }

        public FusedPoint ToFused()
        {
            var point = Carried.Clone();
            point.RawScore = Carried.Score;
            point.Score = (float)Total;
            var fused = new FusedPoint { Point = point };
            fused.Contributions.AddRange(Contributions);
            return fused;
        }
    }
}
