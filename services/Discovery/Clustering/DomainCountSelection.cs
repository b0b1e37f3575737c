namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// How many domains the hybrid strategy keeps when no merge distance is given (the contract's "0 chooses it"): every
/// cut of the merge tree from 2 domains to the cap is scored by mean silhouette on one sample of rows and the best wins
/// (the smaller on a tie), as k-means chooses k. Cutting at the cap instead over-segments every library with fewer
/// real domains than the cap: three clearly separate groups came out as the default 32.
/// </summary>
internal static class DomainCountSelection
{
    /// <summary>Rows scored: the silhouette is O(n²), and 2,000 rows tell cuts apart as well as the whole sample.</summary>
    public const int SampleRows = 2_000;

    /// <summary>Seed stream of the sample, apart from the coarse stage's.</summary>
    private const ulong SampleStream = 2UL << 32;

    public static int Choose(VectorSet data, MicroClusters groups, Merge[] merges, int cap, ulong seed, CancellationToken cancellationToken)
    {
        if (cap <= 2)
        {
            return cap;
        }

        var rows = data.Count <= SampleRows ? Enumerable.Range(0, data.Count).ToArray() : SeededRandom.For(seed, SampleStream).Sample(data.Count, SampleRows);
        var sample = data.Select(rows);
        var labellings = new List<int[]>(cap - 1);
        for (var domains = 2; domains <= cap; domains++)
        {
            var rowLabels = groups.RowLabels(DendrogramCut.Labels(groups.Count, merges, domains));
            var sampled = Array.ConvertAll(rows, row => rowLabels[row]);
            ClusterMeans.Compact(sampled);
            labellings.Add(sampled);
        }

        var scores = SilhouetteScorer.Scores(sample, DistanceKernels.SquaredNorms(sample), labellings, cancellationToken);
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return 2 + best;
    }
}
