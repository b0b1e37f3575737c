namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Flat clusterings read off a merge tree: applying the first n − c merges (sorted by distance) leaves c groups,
/// exactly as scikit-learn's cut of the same tree. Cuts at fewer groups nest the finer ones, which is what makes a
/// coarser cut the parent level.
/// </summary>
internal static class DendrogramCut
{
    /// <summary>Group of each leaf when <paramref name="clusters"/> groups remain, numbered by first leaf.</summary>
    public static int[] Labels(int leaves, Merge[] sortedMerges, int clusters)
    {
        var parent = new int[leaves];
        for (var i = 0; i < leaves; i++)
        {
            parent[i] = i;
        }

        for (var k = 0; k < leaves - clusters; k++)
        {
            parent[Root(parent, sortedMerges[k].Left)] = Root(parent, sortedMerges[k].Right);
        }

        var labels = new int[leaves];
        for (var i = 0; i < leaves; i++)
        {
            labels[i] = Root(parent, i);
        }

        ClusterMeans.Compact(labels);
        return labels;
    }

    /// <summary>
    /// Groups left when every merge closer than <paramref name="threshold"/> is made (scikit-learn's
    /// <c>distance_threshold</c>: merges at or beyond it are not).
    /// </summary>
    public static int ClustersBelow(int leaves, Merge[] sortedMerges, double threshold) =>
        leaves - sortedMerges.Count(m => m.Distance < threshold);

    /// <summary>
    /// How many parents to record for a cut into <paramref name="clusters"/>: a quarter as many, at least two, so each
    /// parent gathers a handful of children — coarse enough to be a different level of the map, fine enough to still
    /// separate its main branches; none below three clusters, where the only coarser level is everything.
    /// </summary>
    public static int ParentCount(int clusters) => clusters < 3 ? 0 : Math.Max(2, clusters / 4);

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
