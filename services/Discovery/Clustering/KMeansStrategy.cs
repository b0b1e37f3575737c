namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// k-means: greedy k-means++ seeding, Lloyd iterations with Hamerly's bounds (mini-batch steps above
/// <see cref="KMeansOptions.MiniBatchThreshold"/> rows), the best of <see cref="KMeansOptions.Initializations"/> runs,
/// and k chosen by silhouette on a sample when <see cref="KMeansOptions.K"/> is 0. Distance work goes through
/// System.Numerics.Tensors over row chunks in parallel; every sum is combined in chunk order, so a seed gives the same
/// labels and centroids on any machine and thread schedule.
/// </summary>
public sealed class KMeansStrategy : IClusteringStrategy
{
    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (options is not KMeansOptions kmeans)
        {
            throw new ArgumentException($"options: k-means takes {nameof(KMeansOptions)}, got {options?.GetType().Name ?? "null"}", nameof(options));
        }

        KMeansValidation.Check(data, kmeans);
        var norms = DistanceKernels.SquaredNorms(data);
        KMeansValidation.RequireFinite(norms);
        cancellationToken.ThrowIfCancellationRequested();

        var seed = kmeans.Seed != 0 ? kmeans.Seed : SeededRandom.PickSeed();
        var gate = new ProgressGate(progress);
        var k = kmeans.K > 0 ? kmeans.K : KSelection.Choose(data, kmeans, seed, gate, cancellationToken);
        var fit = KMeansFit.Run(data, norms, k, kmeans, seed, gate, cancellationToken);
        gate.Report(new ClusteringProgress("done", fit.Iterations, fit.Iterations, "iterations", fit.Inertia), force: true);
        return new ClusteringResult(fit.Labels, new VectorSet(fit.Centroids, data.Dimension), fit.Inertia, fit.Iterations, kmeans with { K = k, Seed = seed });
    }
}
