namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Rows summarised as weighted groups for agglomeration: k-means centroids with their member counts (Ward between
/// weighted groups is exact when the initial sizes are the counts), or the rows themselves with weight 1.
/// </summary>
/// <param name="Centroids">One row per group.</param>
/// <param name="Sizes">Members of each group.</param>
/// <param name="RowToGroup">Group of each row.</param>
internal sealed record MicroClusters(VectorSet Centroids, double[] Sizes, int[] RowToGroup)
{
    public int Count => Sizes.Length;

    public static MicroClusters FromRows(VectorSet data)
    {
        var sizes = new double[data.Count];
        Array.Fill(sizes, 1.0);
        var rows = new int[data.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return new MicroClusters(data, sizes, rows);
    }

    /// <summary>k-means into <paramref name="k"/> groups; groups left empty are dropped.</summary>
    public static MicroClusters FromKMeans(VectorSet data, int k, ulong seed, IClusteringStrategy coarse, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        // One initialisation and a short iteration cap: these groups only summarise the data for the merge, which
        // decides the domains, so converged positions would buy little for the time.
        var result = coarse.Cluster(data, new KMeansOptions(seed, K: k, Initializations: 1, MaxIterations: 30), progress, cancellationToken);
        var labels = (int[])result.Labels.Clone();
        var count = ClusterMeans.Compact(labels);
        var sizes = new double[count];
        foreach (var label in labels)
        {
            sizes[label]++;
        }

        return new MicroClusters(ClusterMeans.Centroids(data, labels, count), sizes, labels);
    }

    /// <summary>Labels of the rows, given a label per group.</summary>
    public int[] RowLabels(int[] groupLabels)
    {
        var labels = new int[RowToGroup.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = groupLabels[RowToGroup[i]];
        }

        return labels;
    }
}
