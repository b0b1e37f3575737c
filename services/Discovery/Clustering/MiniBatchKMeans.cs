using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Mini-batch k-means (Sculley 2010, with scikit-learn's stopping rule): each step assigns a random batch and moves
/// every centroid towards its batch members with a per-centroid learning rate of 1 / (points it has absorbed), so
/// the cost of a step does not grow with the data. It stops when the smoothed batch inertia has not improved for ten
/// steps, when no centroid moves farther than the tolerance, or after <c>maxIterations</c> passes' worth of steps;
/// then one full pass labels every row.
/// </summary>
internal static class MiniBatchKMeans
{
    /// <summary>Large enough to keep both cores busy and the estimates steady; scikit-learn uses 1,024 per 4 cores.</summary>
    public const int BatchSize = 2048;

    private const int Patience = 10;

    /// <summary>Runs the steps, then labels every row; <c>onStep</c> hears the step, the steps allowed and the inertia estimated from the batches.</summary>
    public static LloydRun Run(
        VectorSet data, float[] norms, float[] initial, int maxIterations, double tolerance, SeededRandom random,
        Action<int, int, double>? onStep, CancellationToken cancellationToken)
    {
        var n = data.Count;
        var dimension = data.Dimension;
        var k = initial.Length / dimension;
        var centroids = (float[])initial.Clone();
        var centroidNorms = new float[k];
        var weights = new double[k];
        var batch = Math.Min(n, BatchSize);
        var stepsPerPass = (n + batch - 1) / batch;
        var maxSteps = (int)Math.Min(int.MaxValue, (long)maxIterations * stepsPerPass);
        var rows = new int[batch];
        var labels = new int[batch];
        var distances = new float[batch];
        var sums = new ClusterSums(k, dimension);
        var mean = new double[dimension];
        var smoothing = Math.Min(1.0, 2.0 * batch / (n + 1));
        var smoothed = double.NaN;
        var best = double.PositiveInfinity;
        var sinceBest = 0;
        var steps = 0;
        while (steps < maxSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            steps++;
            for (var b = 0; b < batch; b++)
            {
                rows[b] = random.NextInt(n);
            }

            DistanceKernels.SquaredNorms(centroids, dimension, centroidNorms);
            var batchInertia = RowChunks.Sum(batch, (start, end) =>
            {
                var row = new float[k];
                var sum = 0.0;
                for (var b = start; b < end; b++)
                {
                    DistanceKernels.SquaredDistances(data[rows[b]], norms[rows[b]], centroids, centroidNorms, row);
                    labels[b] = TensorPrimitives.IndexOfMin(row);
                    distances[b] = row[labels[b]];
                    sum += distances[b];
                }

                return sum;
            });

            sums.Clear();
            var moves = new RowMove[batch];
            for (var b = 0; b < batch; b++)
            {
                moves[b] = new RowMove(rows[b], -1, labels[b]);
            }

            sums.Apply(data, moves);
            var largest = 0.0;
            for (var j = 0; j < k; j++)
            {
                if (sums.Counts[j] == 0)
                {
                    continue;
                }

                // c ← (w c + S) / (w + m): the running mean of every point the centroid has absorbed.
                var centroid = centroids.AsSpan(j * dimension, dimension);
                TensorPrimitives.ConvertTruncating<float, double>(centroid, mean);
                TensorPrimitives.Multiply(mean, weights[j], mean);
                TensorPrimitives.Add(mean, sums.Sums.AsSpan(j * dimension, dimension), mean);
                weights[j] += sums.Counts[j];
                TensorPrimitives.Divide(mean, weights[j], mean);
                var before = centroid.ToArray();
                TensorPrimitives.ConvertTruncating<double, float>(mean, centroid);
                largest = Math.Max(largest, TensorPrimitives.Distance(before, centroid));
            }

            if (steps % Patience == 0)
            {
                Reseed(data, centroids, weights, rows, distances);
            }

            var estimate = batchInertia / batch;
            smoothed = double.IsNaN(smoothed) ? estimate : (smoothed * (1 - smoothing)) + (estimate * smoothing);
            onStep?.Invoke(steps, maxSteps, smoothed * n);
            if (smoothed < best)
            {
                best = smoothed;
                sinceBest = 0;
            }
            else if (++sinceBest >= Patience)
            {
                break;
            }

            if (largest <= tolerance)
            {
                break;
            }
        }

        return new LloydRun(AssignAll(data, norms, centroids), centroids, steps);
    }

    /// <summary>Nearest centroid of every row, in parallel.</summary>
    public static int[] AssignAll(VectorSet data, float[] norms, float[] centroids)
    {
        var k = centroids.Length / data.Dimension;
        var centroidNorms = new float[k];
        DistanceKernels.SquaredNorms(centroids, data.Dimension, centroidNorms);
        var labels = new int[data.Count];
        RowChunks.For(data.Count, (_, start, end) =>
        {
            var row = new float[k];
            for (var i = start; i < end; i++)
            {
                DistanceKernels.SquaredDistances(data[i], norms[i], centroids, centroidNorms, row);
                labels[i] = TensorPrimitives.IndexOfMin(row);
            }
        });
        return labels;
    }

    /// <summary>
    /// Centroids that have absorbed almost nothing (under 0.1% of the busiest) are stranded; they restart at the
    /// batch's worst-served rows, as scikit-learn's reassignment does, so no cluster stays empty.
    /// </summary>
    private static void Reseed(VectorSet data, float[] centroids, double[] weights, int[] rows, float[] distances)
    {
        var dimension = data.Dimension;
        var floor = weights.Max() * 1e-3;
        var order = Enumerable.Range(0, rows.Length).OrderByDescending(b => distances[b]).ThenBy(b => b).ToArray();
        var next = 0;
        for (var j = 0; j < weights.Length && next < order.Length; j++)
        {
            if (weights[j] < floor || weights[j] == 0)
            {
                var b = order[next++];
                data[rows[b]].CopyTo(centroids.AsSpan(j * dimension, dimension));
                distances[b] = 0;
                weights[j] = 0;
            }
        }
    }
}
