namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// Lists read from the clusters of one library hold an id twice only as copies of one stored point (replicas, both
/// sides of a moving domain, an "unassigned" copy the split has not cleaned yet), never as independent evidence. Each
/// id is kept in the list where it scored best and left out of the others, so that the summing fusions (weighted
/// score, reciprocal rank, distribution-based, CombMNZ) count it once, as MAX_SCORE does. Client lists (FuseResults)
/// are evidence and never pass here.
/// </summary>
internal static class OneCopyPerPoint
{
    public static IReadOnlyList<RankedSource> Keep(IReadOnlyList<RankedSource> lists)
    {
        var best = new Dictionary<string, (int List, double Score)>(StringComparer.Ordinal);
        for (var i = 0; i < lists.Count; i++)
        {
            foreach (var point in lists[i].Points)
            {
                var score = lists[i].LowerIsBetter ? -point.Score : point.Score;
                if (!best.TryGetValue(point.Id, out var held) || score > held.Score)
                {
                    best[point.Id] = (i, score);
                }
            }
        }

        return [.. lists.Select((list, i) => list with { Points = [.. list.Points.Where(p => best[p.Id].List == i)] })];
    }
}
