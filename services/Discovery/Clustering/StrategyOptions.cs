namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Parameters of one strategy, resolved (no "0 means default" left). Distances here are Euclidean distances between
/// rows of the <see cref="VectorSet"/>; the domain layer converts them from and to the library's distance.
/// </summary>
/// <param name="Seed">Every random choice derives from it: the same data, options and seed give the same result.</param>
public abstract record StrategyOptions(ulong Seed);

/// <summary>
/// k-means. <c>K</c> = 0 chooses k in [<c>KMin</c>, <c>KMax</c>] by the best silhouette on a sample;
/// <c>Initializations</c> independent k-means++ seedings run and the lowest inertia is kept; iterations stop at
/// <c>MaxIterations</c> or when no centroid moves farther than <c>Tolerance</c>; above <c>MiniBatchThreshold</c>
/// points mini-batch k-means replaces full Lloyd iterations.
/// </summary>
public sealed record KMeansOptions(
    ulong Seed,
    int K = 0,
    int KMin = 2,
    int KMax = 32,
    int MaxIterations = 100,
    double Tolerance = 1e-4,
    int Initializations = 3,
    int MiniBatchThreshold = 200_000) : StrategyOptions(Seed);

/// <summary>
/// DBSCAN. <c>Epsilon</c> is the neighbourhood radius (0 estimates it from the knee of the k-distance curve);
/// <c>MinPoints</c> neighbours, the point included, make a core point.
/// </summary>
public sealed record DbscanOptions(ulong Seed, double Epsilon = 0, int MinPoints = 5) : StrategyOptions(Seed);

/// <summary>How distances between groups are measured in agglomerative clustering.</summary>
public enum LinkageKind
{
    Ward,
    Average,
    Complete,
    SingleLink,
}

/// <summary>
/// Agglomerative clustering. The tree is cut into <c>MaxDomains</c> clusters, or by <c>DistanceThreshold</c> when
/// <c>MaxDomains</c> is 0; above <c>MaxPoints</c> rows it runs on k-means micro-clusters instead of the rows (5,000 rows by
/// default: the condensed distance matrix of doubles is then 100 MB, against 400 MB at 10,000).
/// </summary>
public sealed record HierarchicalOptions(
    ulong Seed,
    LinkageKind Linkage = LinkageKind.Ward,
    int MaxDomains = 0,
    double DistanceThreshold = 0,
    int MaxPoints = 5_000) : StrategyOptions(Seed);

/// <summary>
/// k-means micro-clusters (<c>CoarseK</c>; 0 means 4 × <c>MaxDomains</c>), merged agglomeratively into at most
/// <c>MaxDomains</c>: while closer than <c>MergeDistance</c> when it is set, else into the count in [2, MaxDomains] of
/// the best silhouette; then density-based outlier removal.
/// </summary>
public sealed record HybridOptions(ulong Seed, int CoarseK = 0, int MaxDomains = 32, double MergeDistance = 0) : StrategyOptions(Seed);

/// <summary>
/// Mini-batch updates of <c>Previous</c> (null starts from nothing) in batches of <c>BatchSize</c>; old observations
/// keep <c>Decay</c> of their weight per batch, in (0, 1]; a point farther than <c>NewDomainDistance</c> from every
/// centroid seeds a new cluster (0 chooses the distance); at most <c>MaxDomains</c> clusters.
/// </summary>
public sealed record StreamingOptions(
    ulong Seed,
    int MaxDomains = 64,
    double NewDomainDistance = 0,
    double Decay = 0.99,
    int BatchSize = 1000,
    StreamingModel? Previous = null) : StrategyOptions(Seed);

/// <summary>What streaming clustering carries from one run to the next: centroids and how many points each has absorbed.</summary>
public sealed record StreamingModel(VectorSet Centroids, double[] Weights);
