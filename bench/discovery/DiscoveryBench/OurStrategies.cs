using System.Diagnostics;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Bench.Discovery;

/// <summary>Discovery's strategies, each timed around its one <see cref="IClusteringStrategy.Cluster"/> call.</summary>
internal static class OurStrategies
{
    /// <summary>Any fixed seed but 0: strategies read seed 0 as "pick one", which would make every run differ.</summary>
    private const ulong Seed = 1;

    /// <summary>k-means on every row, with the initialisations, iteration cap and tolerance sklearn_bench.py uses.</summary>
    public static void KMeans(VectorSet data, BenchOptions options)
    {
        var kmeans = new KMeansOptions(
            Seed: Seed,
            K: options.K,
            MaxIterations: options.MaxIterations,
            Tolerance: AbsoluteTolerance(data, options),
            Initializations: options.Initializations,
            MiniBatchThreshold: int.MaxValue);
        Figures.Line("ours_kmeans_tolerance", kmeans.Tolerance, "F4");
        if (Timed("ours_kmeans", new KMeansStrategy(), data, kmeans, options) is not { } run)
        {
            return;
        }

        Figures.Line("ours_kmeans_iterations", run.Result.Iterations, "F0");
        Figures.Line("ours_kmeans_ms_per_iteration", run.Milliseconds / Math.Max(run.Result.Iterations, 1));
        Figures.Inertia("ours_kmeans_inertia_own", run.Result.Inertia);
        Figures.Inertia("ours_kmeans_inertia", Inertia.OfLabels(data, run.Result.Labels, run.Result.Centroids));
    }

    /// <summary>DBSCAN with epsilon from our knee, then (for a clustering less dominated by one cluster) a tighter one.</summary>
    public static void Dbscan(VectorSet sample, BenchOptions options)
    {
        var strategy = new DbscanStrategy();
        if (Timed("ours_dbscan_knee", strategy, sample, new DbscanOptions(Seed: Seed, MinPoints: options.MinPoints), options) is not { } knee)
        {
            return;
        }

        var epsilon = ((DbscanOptions)knee.Result.Resolved).Epsilon;
        Figures.Line("ours_dbscan_knee_epsilon", epsilon, "R");
        Noise("ours_dbscan_knee", knee.Result);
        if (options.TightFactor > 0 &&
            Timed("ours_dbscan_tight", strategy, sample, new DbscanOptions(Seed, epsilon * options.TightFactor, options.MinPoints), options) is { } tight)
        {
            Figures.Line("ours_dbscan_tight_epsilon", epsilon * options.TightFactor, "R");
            Noise("ours_dbscan_tight", tight.Result);
        }
    }

    public static void Ward(VectorSet sample, BenchOptions options) =>
        Timed("ours_ward", new HierarchicalStrategy(), sample,
            new HierarchicalOptions(Seed: Seed, Linkage: LinkageKind.Ward, MaxDomains: options.K, MaxPoints: Math.Max(sample.Count, 10_000)), options);

    public static void Hybrid(VectorSet data, BenchOptions options)
    {
        if (Timed("ours_hybrid", new HybridStrategy(), data, new HybridOptions(Seed: Seed, MaxDomains: options.MaxDomains), options) is { } run)
        {
            Noise("ours_hybrid", run.Result);
        }

        // The same with every merge above a vanishing distance refused: the tree is cut at exactly MaxDomains instead of
        // at the count of best silhouette, the granularity the issue names ("hybrid with max_domains=16").
        if (Timed("ours_hybrid_cut", new HybridStrategy(), data, new HybridOptions(Seed: Seed, MaxDomains: options.MaxDomains, MergeDistance: 1e-9), options) is { } cut)
        {
            Noise("ours_hybrid_cut", cut.Result);
        }
    }

    /// <summary>
    /// scikit-learn stops when the squared centroid shifts, summed over the k centroids, fall to tol × the mean
    /// per-feature variance; ours stops when no single centroid moves farther than a distance. Every shift within
    /// √(tol × variance / k) means the sum is within sklearn's bound, so ours iterates at least as long as sklearn
    /// would: the time comparison does not favour ours.
    /// </summary>
    private static double AbsoluteTolerance(VectorSet data, BenchOptions options)
    {
        var mean = new double[data.Dimension];
        var square = new double[data.Dimension];
        for (var row = 0; row < data.Count; row++)
        {
            var values = data[row];
            for (var d = 0; d < values.Length; d++)
            {
                mean[d] += values[d];
                square[d] += (double)values[d] * values[d];
            }
        }

        var variance = 0.0;
        for (var d = 0; d < data.Dimension; d++)
        {
            var m = mean[d] / data.Count;
            variance += (square[d] / data.Count) - (m * m);
        }

        return Math.Sqrt(options.RelativeTolerance * variance / data.Dimension / options.K);
    }

    /// <summary>Runs one strategy, prints its time and cluster count, writes its labels; null when it is not built yet.</summary>
    private static TimedResult? Timed(string name, IClusteringStrategy strategy, VectorSet data, StrategyOptions strategyOptions, BenchOptions options)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        ClusteringResult result;
        try
        {
            result = strategy.Cluster(data, strategyOptions, progress: null, CancellationToken.None);
        }
        catch (NotImplementedException)
        {
            // The strategies land separately; the benchmark reports what exists instead of failing as a whole.
            Console.Error.WriteLine($"DiscoveryBench: {strategy.GetType().Name} is not implemented yet; {name} is n/a");
            Figures.Line($"{name}_ms", Figures.NotAvailable);
            return null;
        }

        clock.Stop();
        cpu = Environment.CpuUsage.TotalTime - cpu;
        Figures.WriteLabels(Path.Combine(options.OutputDirectory, $"{name}.labels"), result.Labels);
        Figures.Line($"{name}_ms", clock.Elapsed.TotalMilliseconds, "F0");
        Figures.Line($"{name}_cpu_ms", cpu.TotalMilliseconds, "F0");
        Figures.Line($"{name}_clusters", result.ClusterCount, "F0");
        return new TimedResult(result, clock.Elapsed.TotalMilliseconds);
    }

    private static void Noise(string name, ClusteringResult result) =>
        Figures.Line($"{name}_noise", result.Labels.Count(label => label == ClusteringResult.Unassigned), "F0");

    private sealed record TimedResult(ClusteringResult Result, double Milliseconds);
}
