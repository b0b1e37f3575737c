using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Tests.Clustering;

/// <summary>Gaussian blobs around given centres, reproducible from a seed (test data, not the strategies' randomness).</summary>
internal static class Blobs
{
    public static (VectorSet Data, int[] Truth) Make(double[][] centres, int perBlob, double spread, int seed)
    {
        var random = new Random(seed);
        var dimension = centres[0].Length;
        var data = new float[centres.Length * perBlob * dimension];
        var truth = new int[centres.Length * perBlob];
        for (var i = 0; i < truth.Length; i++)
        {
            // Interleaved, so a batch or a prefix holds every blob.
            var blob = i % centres.Length;
            truth[i] = blob;
            for (var t = 0; t < dimension; t++)
            {
                data[(i * dimension) + t] = (float)(centres[blob][t] + (spread * Gaussian(random)));
            }
        }

        return (new VectorSet(data, dimension), truth);
    }

    /// <summary>k centres on the axes of a d-dimensional space, <paramref name="separation"/> apart from the origin.</summary>
    public static double[][] OnAxes(int k, int dimension, double separation) =>
        [.. Enumerable.Range(0, k).Select(c => Enumerable.Range(0, dimension).Select(t => t == c % dimension ? separation * (1 + (c / dimension)) : 0.0).ToArray())];

    /// <summary>True when the labels split the rows exactly as the truth does (up to renaming).</summary>
    public static bool SamePartition(int[] labels, int[] truth)
    {
        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if ((forward.TryGetValue(truth[i], out var label) && label != labels[i]) || (backward.TryGetValue(labels[i], out var blob) && blob != truth[i]))
            {
                return false;
            }

            forward[truth[i]] = labels[i];
            backward[labels[i]] = truth[i];
        }

        return true;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
