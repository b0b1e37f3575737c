using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Agglomerative clustering by the nearest-neighbour chain (scipy's <c>nn_chain</c>, which scikit-learn's
/// <c>AgglomerativeClustering</c> runs for these linkages): follow nearest neighbours until two groups are each
/// other's nearest, merge them, update their distances with Lance–Williams, and continue from the rest of the chain.
/// O(n²) time on the condensed matrix, no heap. Valid for Ward, average, complete and single linkage, which are all
/// reducible, so sorting the merges by distance afterwards gives the same tree as the greedy closest-pair order.
/// </summary>
internal static class NnChainAgglomeration
{
    /// <summary>The merge tree of groups with the given centroids and sizes.</summary>
    public static Merge[] Run(VectorSet groups, double[] sizes, LinkageKind linkage, ProgressGate gate, CancellationToken cancellationToken)
    {
        var condensed = CondensedDistances.Build(groups, sizes, linkage, cancellationToken);
        return Run(condensed, (double[])sizes.Clone(), linkage, gate, cancellationToken);
    }

    /// <summary>
    /// The n − 1 merges, sorted by distance (stable, as scipy sorts them), from the initial distances (see
    /// <see cref="CondensedDistances.Build"/>) and group sizes (1 for points, member counts for micro-clusters);
    /// both arrays are overwritten.
    /// </summary>
    public static Merge[] Run(double[] condensed, double[] sizes, LinkageKind linkage, ProgressGate gate, CancellationToken cancellationToken)
    {
        var n = sizes.Length;
        var merges = new Merge[Math.Max(0, n - 1)];
        var chain = new int[n];
        var chainLength = 0;
        var scratch = new double[2 * n];

        for (var k = 0; k < n - 1; k++)
        {
            if ((k & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                gate.Report(new ClusteringProgress("merging", k, n - 1, "merges", MergeCount: k));
            }

            if (chainLength == 0)
            {
                chain[chainLength++] = Array.FindIndex(sizes, s => s > 0);
            }

            int x, y;
            double closest;
            while (true)
            {
                x = chain[chainLength - 1];
                y = chainLength > 1 ? chain[chainLength - 2] : -1;
                closest = chainLength > 1 ? condensed[CondensedDistances.Index(n, Math.Min(x, y), Math.Max(x, y))] : double.PositiveInfinity;
                (y, closest) = Nearest(condensed, sizes, n, x, y, closest);
                if (chainLength > 1 && y == chain[chainLength - 2])
                {
                    break;
                }

                chain[chainLength++] = y;
            }

            chainLength -= 2;
            if (x > y)
            {
                (x, y) = (y, x);
            }

            var nx = sizes[x];
            var ny = sizes[y];
            merges[k] = new Merge(x, y, linkage == LinkageKind.Ward ? Math.Sqrt(Math.Max(0, closest)) : closest, nx + ny);
            UpdateDistances(condensed, sizes, n, x, y, closest, linkage, scratch);
        }

        gate.Report(new ClusteringProgress("merging", n - 1, n - 1, "merges", MergeCount: n - 1), true);

        // Stable by distance: equal distances keep the order they were found in, so a group is never used before it forms.
        var order = new int[merges.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => merges[a].Distance != merges[b].Distance ? merges[a].Distance.CompareTo(merges[b].Distance) : a.CompareTo(b));
        return [.. order.Select(i => merges[i])];
    }

    /// <summary>
    /// The living group nearest to x, preferring the current candidate on ties and otherwise the lowest index (scipy's
    /// scan order). Groups before x are strided in the condensed form and scanned one by one; groups after x are
    /// contiguous and found with one vectorised minimum (dead groups hold +∞ there).
    /// </summary>
    private static (int Nearest, double Distance) Nearest(double[] condensed, double[] sizes, int n, int x, int candidate, double closest)
    {
        for (var i = 0; i < x; i++)
        {
            if (sizes[i] > 0)
            {
                var d = condensed[CondensedDistances.Index(n, i, x)];
                if (d < closest)
                {
                    closest = d;
                    candidate = i;
                }
            }
        }

        if (x < n - 1)
        {
            var after = condensed.AsSpan((int)CondensedDistances.RowStart(n, x), n - x - 1);
            var at = TensorPrimitives.IndexOfMin(after);
            if (after[at] < closest)
            {
                closest = after[at];
                candidate = x + 1 + at;
            }
        }

        return (candidate, closest);
    }

    /// <summary>Group y becomes x ∪ y; x dies (its distances become +∞ so vector scans skip it).</summary>
    private static void UpdateDistances(double[] condensed, double[] sizes, int n, int x, int y, double dxy, LinkageKind linkage, double[] scratch)
    {
        var nx = sizes[x];
        var ny = sizes[y];
        for (var i = 0; i < y; i++)
        {
            if (sizes[i] > 0 && i != x)
            {
                var dix = condensed[CondensedDistances.Index(n, Math.Min(i, x), Math.Max(i, x))];
                ref var diy = ref condensed[CondensedDistances.Index(n, i, y)];
                diy = LanceWilliams.Update(linkage, dix, diy, dxy, nx, ny, sizes[i]);
            }
        }

        var tail = n - y - 1;
        if (tail > 0)
        {
            var fromX = condensed.AsSpan((int)CondensedDistances.Index(n, x, y + 1), tail);
            var fromY = condensed.AsSpan((int)CondensedDistances.RowStart(n, y), tail);
            LanceWilliams.Update(linkage, fromX, fromY, dxy, nx, ny, sizes.AsSpan(y + 1, tail), scratch);
        }

        sizes[y] = nx + ny;
        sizes[x] = 0;
        for (var i = 0; i < x; i++)
        {
            condensed[CondensedDistances.Index(n, i, x)] = double.PositiveInfinity;
        }

        condensed.AsSpan((int)CondensedDistances.RowStart(n, x), n - x - 1).Fill(double.PositiveInfinity);
    }
}
