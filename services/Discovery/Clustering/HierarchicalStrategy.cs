namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Agglomerative clustering (Ward, average, complete or single linkage) by the nearest-neighbour chain, as
/// scikit-learn's <c>AgglomerativeClustering</c>; above <c>MaxPoints</c> rows it agglomerates k-means micro-clusters
/// weighted by their sizes and labels each row by its micro-cluster. The tree is cut into <c>MaxDomains</c> clusters,
/// or where merges reach <c>DistanceThreshold</c>; a coarser cut of the same tree is recorded as the parents.
/// </summary>
public sealed class HierarchicalStrategy : IClusteringStrategy
{
    private readonly IClusteringStrategy _coarse;

    public HierarchicalStrategy()
        : this(new KMeansStrategy())
    {
    }

    /// <summary>With another coarse stage for the micro-clusters (tests pass a small deterministic one).</summary>
    internal HierarchicalStrategy(IClusteringStrategy coarse) => _coarse = coarse;

    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        var hierarchical = StrategyInput.Require<HierarchicalOptions>(data, options, nameof(HierarchicalStrategy));
        Validate(data, hierarchical);
        var seed = hierarchical.Seed != 0 ? hierarchical.Seed : SeededRandom.PickSeed();
        var groups = data.Count > hierarchical.MaxPoints
            ? MicroClusters.FromKMeans(data, MicroClusterCount(hierarchical), seed, _coarse, progress, cancellationToken)
            : MicroClusters.FromRows(data);

        var merges = NnChainAgglomeration.Run(groups.Centroids, groups.Sizes, hierarchical.Linkage, new ProgressGate(progress), cancellationToken);
        var clusters = hierarchical.MaxDomains > 0
            ? Math.Min(hierarchical.MaxDomains, groups.Count)
            : DendrogramCut.ClustersBelow(groups.Count, merges, hierarchical.DistanceThreshold);
        var result = Flatten(data, groups, merges, clusters, hierarchical with { Seed = seed });
        return result;
    }

    /// <summary>
    /// Micro-clusters for data above <c>MaxPoints</c>: enough that every domain is made of several (8 per domain, at
    /// least 256 so a cut by distance has structure to find), few enough that the k-means pass over all rows stays cheap.
    /// </summary>
    internal static int MicroClusterCount(HierarchicalOptions options) =>
        Math.Min(options.MaxPoints, Math.Max(256, 8 * options.MaxDomains));

    /// <summary>Row labels, centroids and parents of the cut into <paramref name="clusters"/>.</summary>
    internal static ClusteringResult Flatten(VectorSet data, MicroClusters groups, Merge[] merges, int clusters, StrategyOptions resolved)
    {
        var labels = groups.RowLabels(DendrogramCut.Labels(groups.Count, merges, clusters));
        var count = ClusterMeans.Compact(labels);
        var centroids = ClusterMeans.Centroids(data, labels, count);
        var result = new ClusteringResult(labels, centroids, ClusterMeans.Inertia(data, labels, centroids), groups.Count - clusters, resolved);
        return WithParents(result, data, groups, merges);
    }

    /// <summary>Parents: a coarser cut of the same tree (<see cref="DendrogramCut.ParentCount"/>), so every cluster lies in one.</summary>
    internal static ClusteringResult WithParents(ClusteringResult result, VectorSet data, MicroClusters groups, Merge[] merges)
    {
        var parentCount = DendrogramCut.ParentCount(result.ClusterCount);
        if (parentCount == 0)
        {
            return result;
        }

        var parentLabels = groups.RowLabels(DendrogramCut.Labels(groups.Count, merges, parentCount));
        var parentOf = new int[result.ClusterCount];
        for (var row = 0; row < parentLabels.Length; row++)
        {
            if (result.Labels[row] != ClusteringResult.Unassigned)
            {
                parentOf[result.Labels[row]] = parentLabels[row];
            }
        }

        // Parent centroids over the rows each cluster kept, so noise left out of the clusters stays out of them too.
        var kept = new int[parentLabels.Length];
        for (var row = 0; row < kept.Length; row++)
        {
            kept[row] = result.Labels[row] == ClusteringResult.Unassigned ? ClusteringResult.Unassigned : parentOf[result.Labels[row]];
        }

        return result with { ParentOf = parentOf, ParentCentroids = ClusterMeans.Centroids(data, kept, parentCount) };
    }

    private static void Validate(VectorSet data, HierarchicalOptions options)
    {
        if (!Enum.IsDefined(options.Linkage))
        {
            throw new ArgumentException($"linkage: must be one of {string.Join(", ", Enum.GetNames<LinkageKind>())}; got {options.Linkage}.", nameof(options));
        }

        if (options.MaxPoints < 2 || options.MaxPoints > CondensedDistances.MaxRows)
        {
            throw new ArgumentException($"max_points: must be in [2, {CondensedDistances.MaxRows}] (rows agglomerated directly); got {options.MaxPoints}.", nameof(options));
        }

        var most = Math.Min(data.Count, options.MaxPoints);
        if (options.MaxDomains < 0 || options.MaxDomains > most)
        {
            throw new ArgumentException($"max_domains: must be in [0, {most}] (0 cuts by distance_threshold; at most the rows and max_points); got {options.MaxDomains}.", nameof(options));
        }

        if (!double.IsFinite(options.DistanceThreshold) || options.DistanceThreshold < 0 || (options.MaxDomains == 0 && options.DistanceThreshold == 0))
        {
            throw new ArgumentException($"distance_threshold: must be a finite distance > 0 when max_domains is 0 (≥ 0 otherwise); got {options.DistanceThreshold}.", nameof(options));
        }
    }
}
