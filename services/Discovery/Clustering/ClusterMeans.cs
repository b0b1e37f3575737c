using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>Centroids (mean of members) and inertia (over assigned rows) of a labelling, and label tidying.</summary>
internal static class ClusterMeans
{
    public static VectorSet Centroids(VectorSet data, int[] labels, int clusterCount)
    {
        var dimension = data.Dimension;
        var sums = new VectorSet(new float[clusterCount * dimension], dimension);
        var counts = new int[clusterCount];
        for (var row = 0; row < labels.Length; row++)
        {
            var label = labels[row];
            if (label == ClusteringResult.Unassigned)
            {
                continue;
            }

            counts[label]++;
            TensorPrimitives.Add(sums.Row(label), data[row], sums.Row(label));
        }

        for (var c = 0; c < clusterCount; c++)
        {
            if (counts[c] > 0)
            {
                TensorPrimitives.Multiply(sums.Row(c), 1f / counts[c], sums.Row(c));
            }
        }

        return sums;
    }

    public static double Inertia(VectorSet data, int[] labels, VectorSet centroids)
    {
        var total = 0.0;
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] != ClusteringResult.Unassigned)
            {
                double distance = TensorPrimitives.Distance(data[row], centroids[labels[row]]);
                total += distance * distance;
            }
        }

        return total;
    }

    /// <summary>
    /// Renumbers labels 0..c-1 in order of first appearance by row (noise stays <see cref="ClusteringResult.Unassigned"/>),
    /// so equal partitions always get equal labels; returns c.
    /// </summary>
    public static int Compact(int[] labels)
    {
        var map = new Dictionary<int, int>();
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] == ClusteringResult.Unassigned)
            {
                continue;
            }

            if (!map.TryGetValue(labels[row], out var compact))
            {
                compact = map.Count;
                map.Add(labels[row], compact);
            }

            labels[row] = compact;
        }

        return map.Count;
    }
}
