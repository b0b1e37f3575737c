using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Streaming k-means over newly ingested rows, taken in row (arrival) order in batches of
/// <see cref="StreamingOptions.BatchSize"/>. Each batch: old weights decay, rows go to their nearest centroid, a row
/// farther than the new-domain distance from every centroid seeds a new cluster, fed centroids move to the running
/// mean, clusters over <see cref="StreamingOptions.MaxDomains"/> merge, faded ones drop. The updated model is
/// <see cref="ClusteringResult.Model"/>, to pass as <see cref="StreamingOptions.Previous"/> next time; labels are
/// every row's nearest final centroid.
/// </summary>
public sealed class StreamingStrategy : IClusteringStrategy
{
    /// <summary>
    /// Without a given distance, a row is "new" beyond twice the 95th percentile of the previous batch's distances to
    /// their centroid: the percentile ignores the few outliers any batch has, and twice it is well outside a cluster
    /// the model already knows, so growth inside a domain is absorbed and only a region nobody covers seeds one.
    /// </summary>
    private const double NewDomainFactor = 2.0;

    private const double NewDomainPercentile = 0.95;

    public ClusteringResult Cluster(VectorSet data, StrategyOptions options, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (options is not StreamingOptions streaming)
        {
            throw new ArgumentException($"options: streaming takes {nameof(StreamingOptions)}, got {options?.GetType().Name ?? "null"}", nameof(options));
        }

        Check(data, streaming);
        var norms = DistanceKernels.SquaredNorms(data);
        KMeansValidation.RequireFinite(norms);
        var seed = streaming.Seed != 0 ? streaming.Seed : SeededRandom.PickSeed();
        var gate = new ProgressGate(progress);

        var clusters = new StreamingClusters(data.Dimension);
        var start = 0;
        double? previousPercentile = null;
        if (streaming.Previous is { } previous)
        {
            for (var j = 0; j < previous.Centroids.Count; j++)
            {
                clusters.Add(previous.Centroids[j], previous.Weights[j]);
            }
        }
        else
        {
            start = Math.Min(data.Count, streaming.BatchSize);
            previousPercentile = Start(data, start, streaming, seed, clusters, cancellationToken);
        }

        var batches = (data.Count - start + streaming.BatchSize - 1) / streaming.BatchSize;
        var threshold = streaming.NewDomainDistance;
        for (var batch = 0; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = start + (batch * streaming.BatchSize);
            var to = Math.Min(data.Count, from + streaming.BatchSize);
            (threshold, previousPercentile) = Step(data, norms, from, to, streaming, previousPercentile, clusters);
            gate.Report(new ClusteringProgress("streaming", batch + 1, batches, "batches"), force: batch + 1 == batches);
        }

        var centroids = clusters.Flat();
        var labels = MiniBatchKMeans.AssignAll(data, norms, centroids);
        var inertia = DistanceKernels.Inertia(data, labels, centroids);
        var centroidSet = new VectorSet(centroids, data.Dimension);
        return new ClusteringResult(labels, centroidSet, inertia, batches, streaming with { Seed = seed, NewDomainDistance = threshold })
        {
            Model = new StreamingModel(centroidSet, clusters.Weights()),
        };
    }

    /// <summary>
    /// No previous model: k-means++ seeding and Lloyd on the first batch, k by silhouette within [2, min(max_domains, 16)]
    /// (a first batch says little about more), weights = members. Returns the batch's distance percentile.
    /// </summary>
    private static double Start(VectorSet data, int rows, StreamingOptions options, ulong seed, StreamingClusters clusters, CancellationToken cancellationToken)
    {
        var first = data.Select([.. Enumerable.Range(0, rows)]);
        var norms = DistanceKernels.SquaredNorms(first);
        var kMax = Math.Min(Math.Min(options.MaxDomains, 16), rows - 1);
        var kmeans = new KMeansOptions(seed, KMin: 2, KMax: Math.Max(2, kMax), Initializations: 2);
        var k = kMax < 2 ? 1 : KSelection.Choose(first, kmeans, seed, null, cancellationToken);
        var fit = KMeansFit.Run(first, norms, k, kmeans, seed, null, cancellationToken);
        var counts = new double[k];
        var distances = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            counts[fit.Labels[i]]++;
            distances[i] = TensorPrimitives.Distance(first[i], fit.Centroids.AsSpan(fit.Labels[i] * data.Dimension, data.Dimension));
        }

        for (var j = 0; j < k; j++)
        {
            clusters.Add(fit.Centroids.AsSpan(j * data.Dimension, data.Dimension), counts[j]);
        }

        return Percentile(distances);
    }

    /// <summary>One batch; returns the new-domain distance it used and its own distance percentile for the next batch.</summary>
    private static (double Threshold, double Percentile) Step(
        VectorSet data, float[] norms, int from, int to, StreamingOptions options, double? previousPercentile, StreamingClusters clusters)
    {
        var dimension = data.Dimension;
        var rows = to - from;
        clusters.Decay(options.Decay);
        var existing = clusters.Count;
        var centroids = clusters.Flat();
        var centroidNorms = new float[existing];
        DistanceKernels.SquaredNorms(centroids, dimension, centroidNorms);
        var labels = new int[rows];
        var distances = new float[rows];
        RowChunks.For(rows, (_, start, end) =>
        {
            var squared = new float[existing];
            for (var r = start; r < end; r++)
            {
                DistanceKernels.SquaredDistances(data[from + r], norms[from + r], centroids, centroidNorms, squared);
                labels[r] = TensorPrimitives.IndexOfMin(squared);
                distances[r] = MathF.Sqrt(squared[labels[r]]);
            }
        });

        // The first batch after a stored model has no previous batch: its own percentile stands in.
        var threshold = options.NewDomainDistance > 0 ? options.NewDomainDistance : NewDomainFactor * (previousPercentile ?? Percentile(distances));
        SeedNewDomains(data, from, labels, distances, threshold, options.MaxDomains, clusters);

        var sums = new ClusterSums(clusters.Count, dimension);
        var moves = new RowMove[rows];
        for (var r = 0; r < rows; r++)
        {
            moves[r] = new RowMove(from + r, -1, labels[r]);
        }

        sums.Apply(data, moves);
        clusters.Absorb(sums);
        var fed = sums.Counts.Select(count => count > 0).ToArray();
        clusters.DropFaded(fed);
        clusters.MergeDownTo(options.MaxDomains);
        return (threshold, Percentile(distances));
    }

    /// <summary>
    /// Rows beyond <paramref name="threshold"/> from every centroid, in arrival order: the first of a far region seeds a
    /// cluster at itself, later ones within the threshold of it join it. At most max_domains seeds per batch, so a
    /// threshold set too low cannot flood the merge step; the merge then brings the count back under the cap.
    /// </summary>
    private static void SeedNewDomains(VectorSet data, int from, int[] labels, float[] distances, double threshold, int maxDomains, StreamingClusters clusters)
    {
        var seeds = new List<int>();
        for (var r = 0; r < labels.Length; r++)
        {
            if (distances[r] <= threshold)
            {
                continue;
            }

            var (nearest, distance) = Nearest(data, data[from + r], seeds);
            if (nearest >= 0 && distance <= threshold)
            {
                labels[r] = clusters.Count - seeds.Count + nearest;
                distances[r] = (float)distance;
            }
            else if (seeds.Count < maxDomains)
            {
                seeds.Add(from + r);
                clusters.Add(data[from + r], 0);
                labels[r] = clusters.Count - 1;
                distances[r] = 0;
            }
        }

        if (seeds.Count == 0)
        {
            return;
        }

        // Rows near a new seed but within reach of an old centroid go to whichever is nearer.
        for (var r = 0; r < labels.Length; r++)
        {
            var (nearest, distance) = Nearest(data, data[from + r], seeds);
            if (distance < distances[r])
            {
                labels[r] = clusters.Count - seeds.Count + nearest;
                distances[r] = (float)distance;
            }
        }
    }

    private static (int Index, double Distance) Nearest(VectorSet data, ReadOnlySpan<float> row, List<int> seeds)
    {
        var (index, best) = (-1, double.PositiveInfinity);
        for (var s = 0; s < seeds.Count; s++)
        {
            double distance = TensorPrimitives.Distance(row, data[seeds[s]]);
            if (distance < best)
            {
                (index, best) = (s, distance);
            }
        }

        return (index, best);
    }

    private static double Percentile(float[] distances)
    {
        if (distances.Length == 0)
        {
            return 0;
        }

        var sorted = (float[])distances.Clone();
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(NewDomainPercentile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static void Check(VectorSet data, StreamingOptions options)
    {
        KMeansValidation.RequireRows(data);
        if (options.MaxDomains < 1)
        {
            throw new ArgumentException($"max_domains: must be at least 1, got {options.MaxDomains}");
        }

        if (!double.IsFinite(options.NewDomainDistance) || options.NewDomainDistance < 0)
        {
            throw new ArgumentException($"new_domain_distance: must be a finite number ≥ 0 (0 chooses it), got {options.NewDomainDistance}");
        }

        if (!(options.Decay > 0 && options.Decay <= 1))
        {
            throw new ArgumentException($"decay: must be in (0, 1], got {options.Decay}");
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"batch_size: must be at least 1, got {options.BatchSize}");
        }

        if (options.Previous is { } previous)
        {
            if (previous.Centroids.Dimension != data.Dimension)
            {
                throw new ArgumentException($"previous: centroids have dimension {previous.Centroids.Dimension}, the points {data.Dimension}");
            }

            if (previous.Weights.Length != previous.Centroids.Count || previous.Centroids.Count == 0 || previous.Weights.Any(w => !double.IsFinite(w) || w < 0))
            {
                throw new ArgumentException($"previous: needs at least one centroid and one finite weight ≥ 0 per centroid, got {previous.Centroids.Count} centroids and {previous.Weights.Length} weights");
            }
        }
    }
}
