using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// The Lance–Williams recurrences: the distance from a group k to the union of x and y, from d(k,x), d(k,y), d(x,y)
/// and the sizes. Ward works on squared Ward distances, where its recurrence is linear and exact.
/// </summary>
internal static class LanceWilliams
{
    public static double Update(LinkageKind linkage, double dkx, double dky, double dxy, double nx, double ny, double nk) => linkage switch
    {
        LinkageKind.Ward => (((nx + nk) * dkx) + ((ny + nk) * dky) - (nk * dxy)) / (nx + ny + nk),
        LinkageKind.Average => ((nx * dkx) + (ny * dky)) / (nx + ny),
        LinkageKind.Complete => Math.Max(dkx, dky),
        LinkageKind.SingleLink => Math.Min(dkx, dky),
        _ => throw new ArgumentOutOfRangeException(nameof(linkage), linkage, "Unknown linkage."),
    };

    /// <summary>
    /// The same recurrence over contiguous runs (k = y+1..n-1 in the condensed rows of x and y). Dead groups (size 0,
    /// distances +∞) stay +∞ under every formula, so they need no masking.
    /// </summary>
    public static void Update(LinkageKind linkage, ReadOnlySpan<double> dkx, Span<double> dky, double dxy, double nx, double ny, ReadOnlySpan<double> nk, Span<double> scratch)
    {
        switch (linkage)
        {
            case LinkageKind.Ward:
                // ((nx+nk)·dkx + (ny+nk)·dky − nk·dxy) / (nx+ny+nk)
                var a = scratch[..dkx.Length];
                TensorPrimitives.Add(nk, nx, a);
                TensorPrimitives.Multiply(a, dkx, a);
                TensorPrimitives.MultiplyAdd(nk, -dxy, a, a);
                var b = scratch.Slice(dkx.Length, dkx.Length);
                TensorPrimitives.Add(nk, ny, b);
                TensorPrimitives.Multiply(b, dky, b);
                TensorPrimitives.Add(a, b, a);
                TensorPrimitives.Add(nk, nx + ny, b);
                TensorPrimitives.Divide(a, b, dky);
                break;
            case LinkageKind.Average:
                TensorPrimitives.Multiply(dky, ny / (nx + ny), dky);
                TensorPrimitives.MultiplyAdd(dkx, nx / (nx + ny), dky, dky);
                break;
            case LinkageKind.Complete:
                TensorPrimitives.Max(dkx, dky, dky);
                break;
            case LinkageKind.SingleLink:
                TensorPrimitives.Min(dkx, dky, dky);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(linkage), linkage, "Unknown linkage.");
        }
    }
}
