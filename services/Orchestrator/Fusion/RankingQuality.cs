namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// How close a ranking is to the exhaustive one, for tests, the benchmark and live recall. NDCG@k uses graded gains
/// from the ideal order (the ideal's first result gains k, its k-th gains 1, anything else 0), so both which points
/// are found and their order count.
/// </summary>
public static class RankingQuality
{
    public static double NdcgAtK(IReadOnlyList<string> ranked, IReadOnlyList<string> ideal, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(ideal);
        var gains = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(k, ideal.Count); i++)
        {
            gains.TryAdd(ideal[i], k - i);
        }

        double dcg = 0, idcg = 0;
        for (var i = 0; i < k; i++)
        {
            var discount = Math.Log2(i + 2);
            dcg += i < ranked.Count && gains.TryGetValue(ranked[i], out var gain) ? gain / discount : 0;
            idcg += i < gains.Count ? (k - i) / discount : 0;
        }

        return idcg > 0 ? dcg / idcg : 1.0;
    }

    /// <summary>Share of the ideal top k found in the ranking's top k (1 when the ideal is empty).</summary>
    public static double RecallAtK(IReadOnlyList<string> ranked, IReadOnlyList<string> ideal, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(ideal);
        var wanted = ideal.Take(k).ToHashSet(StringComparer.Ordinal);
        return wanted.Count == 0 ? 1.0 : (double)ranked.Take(k).Count(wanted.Contains) / wanted.Count;
    }
}
