namespace MultiCluster.Discovery.Clustering;

/// <summary>How well rows sit in their clusters: the mean silhouette coefficient, exact over a sample of rows.</summary>
public static class Silhouette
{
    /// <summary>
    /// Mean silhouette coefficient (-1..1) of <paramref name="labels"/> over at most <paramref name="sampleSize"/> rows
    /// drawn with <paramref name="seed"/>; unassigned rows are left out; 0 when fewer than two clusters. Distances are
    /// taken among the sampled rows only, like scikit-learn's <c>silhouette_score(sample_size=…)</c>: exact for the
    /// sample, O(sample²) work.
    /// </summary>
    public static double Score(VectorSet data, int[] labels, int sampleSize, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != data.Count)
        {
            throw new ArgumentException($"labels: must hold one label per row ({data.Count}), got {labels.Length}", nameof(labels));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        var assigned = new List<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != ClusteringResult.Unassigned)
            {
                assigned.Add(i);
            }
        }

        var rows = assigned.Count <= sampleSize
            ? assigned
            : [.. new SeededRandom(seed).Sample(assigned.Count, sampleSize).Select(index => assigned[index])];

        // Dense labels 0..c−1 for the sample, whatever numbering the caller used.
        var dense = new Dictionary<int, int>();
        var sampleLabels = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var label = labels[rows[i]];
            if (!dense.TryGetValue(label, out var index))
            {
                index = dense.Count;
                dense[label] = index;
            }

            sampleLabels[i] = index;
        }

        if (dense.Count < 2)
        {
            return 0;
        }

        var sample = data.Select(rows);
        return SilhouetteScorer.Scores(sample, DistanceKernels.SquaredNorms(sample), [sampleLabels], cancellationToken)[0];
    }
}
