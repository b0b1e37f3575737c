using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// The knee of a sorted k-distance curve, by the largest distance below the chord from its first to its last point
/// (both axes scaled to [0, 1], as Kneedle does). Points of a cluster have small, slowly rising k-distances and noise
/// has large ones, so the knee is where the curve turns from one to the other: the largest in-cluster spacing.
/// </summary>
internal static class KDistanceKnee
{
    public static float Find(float[] kDistances)
    {
        ArgumentNullException.ThrowIfNull(kDistances);
        var sorted = (float[])kDistances.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var low = sorted[0];
        var high = sorted[^1];
        if (n < 3 || !(high > low))
        {
            return high;
        }

        // gap[i] = i/(n-1) - (y[i]-low)/(high-low): how far the curve lies below the chord at i.
        var gap = new float[n];
        var scaled = new float[n];
        for (var i = 0; i < n; i++)
        {
            gap[i] = i;
        }

        TensorPrimitives.Multiply(gap, 1f / (n - 1), gap);
        TensorPrimitives.Subtract(sorted, low, scaled);
        TensorPrimitives.Multiply(scaled, 1f / (high - low), scaled);
        TensorPrimitives.Subtract(gap, scaled, gap);
        return sorted[TensorPrimitives.IndexOfMax(gap)];
    }
}
