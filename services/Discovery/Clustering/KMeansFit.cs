namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// k-means for a known k: <c>initializations</c> independent seedings, each refined by Hamerly–Lloyd (or by mini-batch
/// steps above <c>miniBatchThreshold</c> rows), keeping the run of lowest inertia. Each initialisation draws from its
/// own stream of the seed, so adding one does not change the others.
/// </summary>
internal static class KMeansFit
{
    /// <summary>Rows the mini-batch path seeds on: a sample, since k-means++ over every row would cost more than the steps.</summary>
    private const int MiniBatchSeedRows = 3 * MiniBatchKMeans.BatchSize;

    public static KMeansFitResult Run(
        VectorSet data, float[] norms, int k, KMeansOptions options, ulong seed, ProgressGate? progress, CancellationToken cancellationToken)
    {
        var miniBatch = data.Count > options.MiniBatchThreshold;
        KMeansFitResult? best = null;
        for (var init = 0; init < options.Initializations; init++)
        {
            progress?.Report(new ClusteringProgress("seeding", init, options.Initializations, "initializations"), force: true);
            var random = SeededRandom.For(seed, (ulong)init);
            var run = miniBatch
                ? RunMiniBatch(data, norms, k, options, random, init, progress, cancellationToken)
                : RunLloyd(data, norms, k, options, random, init, progress, cancellationToken);
            var inertia = DistanceKernels.Inertia(data, run.Labels, run.Centroids);
            if (best is null || inertia < best.Inertia)
            {
                best = new KMeansFitResult(run.Labels, run.Centroids, inertia, run.Iterations);
            }
        }

        return best!;
    }

    private static LloydRun RunLloyd(
        VectorSet data, float[] norms, int k, KMeansOptions options, SeededRandom random, int init, ProgressGate? progress, CancellationToken cancellationToken)
    {
        var seeds = KMeansPlusPlus.Seed(data, norms, k, random, cancellationToken);
        var total = (long)options.MaxIterations * options.Initializations;
        return HamerlyLloyd.Run(
            data, norms, seeds, options.MaxIterations, options.Tolerance,
            (iteration, inertia) => progress?.Report(new ClusteringProgress("iterating", ((long)init * options.MaxIterations) + iteration, total, "iterations", inertia)),
            cancellationToken);
    }

    /// <summary>
    /// Seeds on a sample and polishes the seeds with Lloyd on that sample (cheap, and a better start than raw
    /// k-means++), then runs the mini-batch steps over all rows.
    /// </summary>
    private static LloydRun RunMiniBatch(
        VectorSet data, float[] norms, int k, KMeansOptions options, SeededRandom random, int init, ProgressGate? progress, CancellationToken cancellationToken)
    {
        var rows = random.Sample(data.Count, Math.Max(MiniBatchSeedRows, 10 * k));
        var sample = data.Select(rows);
        var sampleNorms = DistanceKernels.SquaredNorms(sample);
        var seeds = KMeansPlusPlus.Seed(sample, sampleNorms, k, random, cancellationToken);
        var polished = HamerlyLloyd.Run(sample, sampleNorms, seeds, options.MaxIterations, options.Tolerance, null, cancellationToken);
        return MiniBatchKMeans.Run(
            data, norms, polished.Centroids, options.MaxIterations, options.Tolerance, random,
            (step, steps, inertia) => progress?.Report(new ClusteringProgress("iterating", ((long)init * steps) + step, (long)steps * options.Initializations, "steps", inertia)),
            cancellationToken);
    }
}
