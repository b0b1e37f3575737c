namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// The default strategy: k-means micro-clusters (<c>CoarseK</c>, 0 = 4 × <c>MaxDomains</c>) capture the shape of the
/// data cheaply, a Ward merge of the weighted micro-centroids joins them into at most <c>MaxDomains</c> domains (every
/// pair closer than <c>MergeDistance</c> when it is set, else as many as score the best silhouette,
/// <see cref="DomainCountSelection"/>), and rows far outside their domain are left unassigned
/// (<see cref="DomainOutliers"/>). Both limits are maxima, capped by the rows, so it runs on 50 rows as on 100,000.
/// </summary>
public sealed class HybridStrategy : IClusteringStrategy
{
    private readonly IClusteringStrategy _coarse;

    public HybridStrategy()
        : this(new KMeansStrategy())
    {
    }

    /// <summary>With another coarse stage (tests pass a small deterministic one).</summary>
    internal HybridStrategy(IClusteringStrategy coarse) => _coarse = coarse;

    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        var hybrid = StrategyInput.Require<HybridOptions>(data, options, nameof(HybridStrategy));
        Validate(hybrid);
        var seed = hybrid.Seed != 0 ? hybrid.Seed : SeededRandom.PickSeed();
        var coarseK = Math.Min(hybrid.CoarseK > 0 ? hybrid.CoarseK : 4 * hybrid.MaxDomains, data.Count);

        // With as many micro-clusters as rows, k-means would only reproduce the rows.
        var groups = coarseK >= data.Count
            ? MicroClusters.FromRows(data)
            : MicroClusters.FromKMeans(data, coarseK, seed, _coarse, progress, cancellationToken);

        var gate = new ProgressGate(progress);
        var merges = NnChainAgglomeration.Run(groups.Centroids, groups.Sizes, LinkageKind.Ward, gate, cancellationToken);
        var domains = Math.Min(hybrid.MaxDomains, groups.Count);
        domains = hybrid.MergeDistance > 0
            ? Math.Min(domains, DendrogramCut.ClustersBelow(groups.Count, merges, hybrid.MergeDistance))
            : DomainCountSelection.Choose(data, groups, merges, domains, seed, cancellationToken);

        var merged = HierarchicalStrategy.Flatten(data, groups, merges, domains, hybrid with { Seed = seed, CoarseK = groups.Count, MaxDomains = domains });

        cancellationToken.ThrowIfCancellationRequested();
        var labels = merged.Labels;
        DomainOutliers.Remove(data, labels, merged.Centroids, cancellationToken);
        var centroids = ClusterMeans.Centroids(data, labels, merged.ClusterCount);
        gate.Report(new ClusteringProgress("done", groups.Count - 1, groups.Count - 1, "merges", MergeCount: groups.Count - 1), true);
        var result = merged with { Centroids = centroids, Inertia = ClusterMeans.Inertia(data, labels, centroids) };
        return HierarchicalStrategy.WithParents(result with { ParentOf = null, ParentCentroids = null }, data, groups, merges);
    }

    private static void Validate(HybridOptions options)
    {
        if (options.MaxDomains < 1)
        {
            throw new ArgumentException($"max_domains: must be ≥ 1 (capped by the rows); got {options.MaxDomains}.", nameof(options));
        }

        if (options.CoarseK < 0)
        {
            throw new ArgumentException($"coarse_k: must be ≥ 0 (0 means 4 × max_domains; capped by the rows); got {options.CoarseK}.", nameof(options));
        }

        if (!double.IsFinite(options.MergeDistance) || options.MergeDistance < 0)
        {
            throw new ArgumentException($"merge_distance: must be a finite Ward distance ≥ 0 (0 merges by max_domains only); got {options.MergeDistance}.", nameof(options));
        }
    }
}
