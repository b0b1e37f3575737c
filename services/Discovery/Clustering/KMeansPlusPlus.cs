namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur and Vassilvitskii 2007, as scikit-learn runs it): each new centre is the best of
/// 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance to the nearest centre so far,
/// "best" meaning the one that lowers the total of those squared distances most. The greedy trials cost a few more
/// passes and give markedly better starts than plain k-means++, so Lloyd converges sooner and to lower inertia.
/// </summary>
internal static class KMeansPlusPlus
{
    /// <summary>k centres (a flat k × d block) chosen among the rows of <paramref name="data"/>.</summary>
    public static float[] Seed(VectorSet data, float[] norms, int k, SeededRandom random, CancellationToken cancellationToken)
    {
        var n = data.Count;
        var dimension = data.Dimension;
        var centres = new float[k * dimension];
        var trials = 2 + (int)Math.Log(k);

        var first = random.NextInt(n);
        data[first].CopyTo(centres);
        var closest = new float[n];
        var candidateDistances = new float[n * trials];
        Array.Fill(closest, float.PositiveInfinity);
        Distances(data, norms, [first], candidateDistances, closest, out _);
        candidateDistances.AsSpan(0, n).CopyTo(closest);

        var cumulative = new double[n];
        var candidates = new int[trials];
        for (var c = 1; c < k; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var running = 0.0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            for (var t = 0; t < trials; t++)
            {
                // All rows coincide with the centres so far: any row is as good as another.
                candidates[t] = running > 0 ? Draw(cumulative, random.NextDouble() * running) : random.NextInt(n);
            }

            Distances(data, norms, candidates, candidateDistances, closest, out var potentials);
            var best = 0;
            for (var t = 1; t < trials; t++)
            {
                if (potentials[t] < potentials[best])
                {
                    best = t;
                }
            }

            data[candidates[best]].CopyTo(centres.AsSpan(c * dimension, dimension));
            System.Numerics.Tensors.TensorPrimitives.Min(closest, candidateDistances.AsSpan(best * n, n), closest);
        }

        return centres;
    }

    /// <summary>First row whose cumulative weight exceeds <paramref name="target"/>: rows already at a centre (weight 0) are never drawn.</summary>
    private static int Draw(double[] cumulative, double target)
    {
        var low = 0;
        var high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (cumulative[middle] > target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// Squared distances of every row to each candidate (candidate-major into <paramref name="distances"/>), and for each
    /// candidate the potential it would leave: Σ min(closest, distance), added up in chunk order (deterministic).
    /// </summary>
    private static void Distances(VectorSet data, float[] norms, int[] candidates, float[] distances, float[] closest, out double[] potentials)
    {
        var n = data.Count;
        var count = candidates.Length;
        var block = data.Select(candidates).Data;
        var blockNorms = new float[count];
        for (var t = 0; t < count; t++)
        {
            blockNorms[t] = norms[candidates[t]];
        }

        var chunks = RowChunks.Count(n);
        var partial = new double[chunks * count];
        RowChunks.For(n, (chunk, start, end) =>
        {
            Span<float> row = stackalloc float[count];
            for (var i = start; i < end; i++)
            {
                DistanceKernels.SquaredDistances(data[i], norms[i], block, blockNorms, row);
                for (var t = 0; t < count; t++)
                {
                    distances[(t * n) + i] = row[t];
                    partial[(chunk * count) + t] += Math.Min(closest[i], row[t]);
                }
            }
        });

        potentials = new double[count];
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            for (var t = 0; t < count; t++)
            {
                potentials[t] += partial[(chunk * count) + t];
            }
        }
    }
}
