using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        Dots(row, centres, centreNorms.Length, result);
        result = result[..centreNorms.Length];
        TensorPrimitives.MultiplyAdd(result, -2f, centreNorms, result);
        TensorPrimitives.Add(result, rowNorm, result);
        TensorPrimitives.Max(result, 0f, result);
    }

    /// <summary>
    /// row · centreⱼ for each of <paramref name="count"/> centres. With AVX2 and FMA, four centres share each load of
    /// the row (a register-blocked kernel: 1.25 loads per multiply-add instead of the 2 of one dot product at a time,
    /// which is what bounds the loop once the centres sit in L1/L2). Each centre keeps one accumulator summed in the
    /// same order whether it is computed in a group of four or alone, so a distance does not depend on which centres
    /// it was computed with (the Hamerly step relies on that when it tightens one bound).
    /// </summary>
    public static void Dots(ReadOnlySpan<float> row, ReadOnlySpan<float> centres, int count, Span<float> result)
    {
        var dimension = row.Length;
        if (!Fma.IsSupported || !Vector256.IsHardwareAccelerated || dimension < Vector256<float>.Count)
        {
            for (var j = 0; j < count; j++)
            {
                result[j] = TensorPrimitives.Dot(row, centres.Slice(j * dimension, dimension));
            }

            return;
        }

        var j0 = 0;
        for (; j0 + 4 <= count; j0 += 4)
        {
            var c0 = centres.Slice(j0 * dimension, dimension);
            var c1 = centres.Slice((j0 + 1) * dimension, dimension);
            var c2 = centres.Slice((j0 + 2) * dimension, dimension);
            var c3 = centres.Slice((j0 + 3) * dimension, dimension);
            var (a0, a1, a2, a3) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
            var v = 0;
            for (; v + Vector256<float>.Count <= dimension; v += Vector256<float>.Count)
            {
                var x = Vector256.Create(row.Slice(v, Vector256<float>.Count));
                a0 = Fma.MultiplyAdd(x, Vector256.Create(c0.Slice(v, Vector256<float>.Count)), a0);
                a1 = Fma.MultiplyAdd(x, Vector256.Create(c1.Slice(v, Vector256<float>.Count)), a1);
                a2 = Fma.MultiplyAdd(x, Vector256.Create(c2.Slice(v, Vector256<float>.Count)), a2);
                a3 = Fma.MultiplyAdd(x, Vector256.Create(c3.Slice(v, Vector256<float>.Count)), a3);
            }

            var tail = row[v..];
            result[j0] = Vector256.Sum(a0) + TensorPrimitives.Dot(tail, c0[v..]);
            result[j0 + 1] = Vector256.Sum(a1) + TensorPrimitives.Dot(tail, c1[v..]);
            result[j0 + 2] = Vector256.Sum(a2) + TensorPrimitives.Dot(tail, c2[v..]);
            result[j0 + 3] = Vector256.Sum(a3) + TensorPrimitives.Dot(tail, c3[v..]);
        }

        for (; j0 < count; j0++)
        {
            var c0 = centres.Slice(j0 * dimension, dimension);
            var a0 = Vector256<float>.Zero;
            var v = 0;
            for (; v + Vector256<float>.Count <= dimension; v += Vector256<float>.Count)
            {
                a0 = Fma.MultiplyAdd(Vector256.Create(row.Slice(v, Vector256<float>.Count)), Vector256.Create(c0.Slice(v, Vector256<float>.Count)), a0);
            }

            result[j0] = Vector256.Sum(a0) + TensorPrimitives.Dot(row[v..], c0[v..]);
        }
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
