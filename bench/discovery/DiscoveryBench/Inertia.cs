using System.Numerics.Tensors;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Bench.Discovery;

/// <summary>
/// Inertia computed one way for every side (rows' squared distances to their centroid, summed in double), so the
/// ratios do not depend on how each library accumulates its own figure.
/// </summary>
internal static class Inertia
{
    /// <summary>Sum of squared distances of each row to the centroid its label names; unassigned rows are left out.</summary>
    public static double OfLabels(VectorSet data, int[] labels, VectorSet centroids)
    {
        var total = 0.0;
        for (var row = 0; row < data.Count; row++)
        {
            if (labels[row] != ClusteringResult.Unassigned)
            {
                total += Squared(data[row], centroids[labels[row]]);
            }
        }

        return total;
    }

    /// <summary>Each row's nearest centroid (what a k-means model predicts).</summary>
    public static int[] NearestLabels(VectorSet data, VectorSet centroids)
    {
        var labels = new int[data.Count];
        Parallel.For(0, data.Count, row =>
        {
            var best = double.MaxValue;
            for (var c = 0; c < centroids.Count; c++)
            {
                var distance = Squared(data[row], centroids[c]);
                if (distance < best)
                {
                    best = distance;
                    labels[row] = c;
                }
            }
        });
        return labels;
    }

    private static double Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double distance = TensorPrimitives.Distance(a, b);
        return distance * distance;
    }
}
