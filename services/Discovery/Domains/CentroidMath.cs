using System.Numerics.Tensors;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Distances and means of centroids as a map stores them (floats in the library's space: unit length for cosine
/// libraries). Dot-product libraries are measured with the Euclidean distance, as <see cref="VectorSpace"/> clusters them.
/// </summary>
internal static class CentroidMath
{
    /// <summary>Cosine similarity, 0 when either vector is zero (no direction to compare).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => NearestDomain.Cosine(a, b);

    /// <summary>The library's distance between two vectors, as every service assigns points (<see cref="NearestDomain"/>).</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Distance distance) => NearestDomain.Between(a, b, distance);

    /// <summary>The library's distance between two map centroids; NaN when either is missing (maps sent without centroids).</summary>
    public static double Distance(Domain a, Domain b, Distance distance) =>
        a.Centroid.Count == 0 || a.Centroid.Count != b.Centroid.Count
            ? double.NaN
            : Distance(Span(a), Span(b), distance);

    /// <summary>A domain's centroid as a span (copied: the repeated field keeps no array to lend).</summary>
    public static ReadOnlySpan<float> Span(Domain domain) => domain.Centroid.ToArray();

    /// <summary>A centroid as a map stores it: the mean itself, or for cosine the mean scaled to unit length.</summary>
    public static float[] ForMap(ReadOnlySpan<float> mean, Distance distance)
    {
        var centroid = mean.ToArray();
        if (distance == Contracts.V1.Distance.Cosine)
        {
            var norm = TensorPrimitives.Norm(centroid);
            if (norm > 0)
            {
                TensorPrimitives.Divide(centroid, norm, centroid);
            }
        }

        return centroid;
    }

    /// <summary>Σ wᵢ·vᵢ / Σ wᵢ, then as <see cref="ForMap"/> stores it.</summary>
    public static float[] WeightedMean(IReadOnlyList<(float[] Vector, double Weight)> parts, Distance distance)
    {
        var sum = new float[parts[0].Vector.Length];
        var total = 0.0;
        foreach (var (vector, weight) in parts)
        {
            TensorPrimitives.MultiplyAdd(vector, (float)weight, sum, sum);
            total += weight;
        }

        if (total > 0)
        {
            TensorPrimitives.Divide(sum, (float)total, sum);
        }

        return ForMap(sum, distance);
    }

    /// <summary>The mean of some rows (zeros when there are none).</summary>
    public static float[] Mean(VectorSet rows, IReadOnlyList<int> members)
    {
        var sum = new float[rows.Dimension];
        foreach (var m in members)
        {
            TensorPrimitives.Add(sum, rows[m], sum);
        }

        if (members.Count > 0)
        {
            TensorPrimitives.Divide(sum, members.Count, sum);
        }

        return sum;
    }
}
