using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// The upper triangle of a symmetric n × n distance matrix, row after row (scipy's condensed form): pair (i, j), i &lt; j,
/// is at <see cref="Index"/>; row i's pairs with every j &gt; i are contiguous, which the agglomeration's vector scans use.
/// </summary>
internal static class CondensedDistances
{
    /// <summary>Most groups agglomerated directly: the condensed matrix of 20,000 is 1.6 GB of doubles.</summary>
    public const int MaxRows = 20_000;

    public static long Index(int n, int i, int j) => ((long)n * i) - ((long)i * (i + 1) / 2) + j - i - 1;

    /// <summary>Start of row i's pairs (i, i+1..n-1).</summary>
    public static long RowStart(int n, int i) => Index(n, i, i + 1);

    /// <summary>
    /// Initial linkage distances between groups with the given centroids and sizes: Euclidean for average, complete and
    /// single; for Ward the squared Ward distance 2·a·b/(a+b)·‖ca − cb‖², which is exact for groups of any size (and is
    /// the squared Euclidean distance between single points), so the Lance–Williams recurrence stays exact.
    /// </summary>
    public static double[] Build(VectorSet points, double[] sizes, LinkageKind linkage, CancellationToken cancellationToken)
    {
        var n = points.Count;
        var condensed = new double[(long)n * (n - 1) / 2];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, n - 1, options, i =>
        {
            var start = RowStart(n, i);
            var row = points[i];
            for (var j = i + 1; j < n; j++)
            {
                double distance = TensorPrimitives.Distance(row, points[j]);
                condensed[start + j - i - 1] = linkage == LinkageKind.Ward
                    ? 2 * sizes[i] * sizes[j] / (sizes[i] + sizes[j]) * distance * distance
                    : distance;
            }
        });

        return condensed;
    }
}
