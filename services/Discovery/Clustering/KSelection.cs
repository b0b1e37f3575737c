namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Chooses k when none is given: every k in [k_min, k_max] is fitted on one sample of at most 5,000 rows and the best
/// mean silhouette on that sample wins (the smaller k on a tie). Silhouette rewards compact, separated clusters
/// without the elbow method's judgement call; the sample keeps its O(n²) cost bounded.
/// </summary>
internal static class KSelection
{
    public const int SampleRows = 5_000;

    /// <summary>Seed stream of the sample, apart from the streams of the initialisations.</summary>
    private const ulong SampleStream = 1UL << 32;

    public static int Choose(VectorSet data, KMeansOptions options, ulong seed, ProgressGate? progress, CancellationToken cancellationToken)
    {
        var sample = data.Count <= SampleRows ? data : data.Select(SeededRandom.For(seed, SampleStream).Sample(data.Count, SampleRows));
        var norms = DistanceKernels.SquaredNorms(sample);
        var kMax = Math.Min(options.KMax, sample.Count - 1);
        var candidates = kMax - options.KMin + 1;
        var labellings = new List<int[]>(candidates);
        var fitOptions = options with { MiniBatchThreshold = int.MaxValue };
        for (var k = options.KMin; k <= kMax; k++)
        {
            progress?.Report(new ClusteringProgress("choosing k", k - options.KMin, candidates, "candidates"));
            labellings.Add(KMeansFit.Run(sample, norms, k, fitOptions, seed + (ulong)k, null, cancellationToken).Labels);
        }

        progress?.Report(new ClusteringProgress("choosing k", candidates, candidates, "candidates"), force: true);
        var scores = SilhouetteScorer.Scores(sample, norms, labellings, cancellationToken);
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return options.KMin + best;
    }
}
