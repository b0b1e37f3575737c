using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Squared Euclidean distances through the expansion ‖x‖² − 2 x·c + ‖c‖²: the row norms are computed once, the centre
/// norms once per iteration, so each distance costs one vectorised dot product instead of a subtraction and a sum.
/// The expansion loses digits when a distance is tiny next to the norms (float cancellation); it is used only to rank
/// centres and to bound distances, never to report one: inertia and centroid movements are measured directly
/// (<see cref="TensorPrimitives.Distance{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>), which is why the inertia matches
/// scikit-learn's to float precision.
/// </summary>
internal static class DistanceKernels
{
    /// <summary>‖row‖² of every row, in parallel.</summary>
    public static float[] SquaredNorms(VectorSet data)
    {
        var norms = new float[data.Count];
        RowChunks.For(data.Count, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                norms[i] = TensorPrimitives.SumOfSquares(data[i]);
            }
        });
        return norms;
    }

    /// <summary>‖row‖² of every row of a flat k × d block.</summary>
    public static void SquaredNorms(ReadOnlySpan<float> rows, int dimension, Span<float> norms)
    {
        for (var j = 0; j < norms.Length; j++)
        {
            norms[j] = TensorPrimitives.SumOfSquares(rows.Slice(j * dimension, dimension));
        }
    }

    /// <summary>Squared distances of one row to each of the <paramref name="centreNorms"/>.Length centres, clamped at 0.</summary>
    public static void SquaredDistances(ReadOnlySpan<float> row, float rowNorm, ReadOnlySpan<float> centres, ReadOnlySpan<float> centreNorms, Span<float> result)
    {
        var dimension = row.Length;
        for (var j = 0; j < centreNorms.Length; j++)
        {
            result[j] = TensorPrimitives.Dot(row, centres.Slice(j * dimension, dimension));
        }

        result = result[..centreNorms.Length];
        TensorPrimitives.MultiplyAdd(result, -2f, centreNorms, result);
        TensorPrimitives.Add(result, rowNorm, result);
        TensorPrimitives.Max(result, 0f, result);
    }

    /// <summary>
    /// Dot products of a tile of rows of <paramref name="a"/> with every row of <paramref name="b"/>, into a
    /// tile × b.Count block. The tile stays in cache while <paramref name="b"/> streams past once, instead of
    /// streaming <paramref name="b"/> from memory once per row.
    /// </summary>
    public static void DotTile(VectorSet a, int start, int end, VectorSet b, Span<float> result)
    {
        var columns = b.Count;
        for (var j = 0; j < columns; j++)
        {
            var other = b[j];
            for (var i = start; i < end; i++)
            {
                result[((i - start) * columns) + j] = TensorPrimitives.Dot(a[i], other);
            }
        }
    }

    /// <summary>Sum of squared distances of the assigned rows to their centroid, measured directly, in parallel.</summary>
    public static double Inertia(VectorSet data, int[] labels, float[] centroids)
    {
        var dimension = data.Dimension;
        return RowChunks.Sum(data.Count, (start, end) =>
        {
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                if (labels[i] >= 0)
                {
                    double distance = TensorPrimitives.Distance(data[i], centroids.AsSpan(labels[i] * dimension, dimension));
                    sum += distance * distance;
                }
            }

            return sum;
        });
    }
}
