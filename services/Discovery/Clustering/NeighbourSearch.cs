using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Exact neighbour queries by blocked brute force: a block of query rows is measured against every row into a
/// block-sized buffer, and only what the caller keeps (neighbour lists, k smallest distances) outlives the block, so
/// memory is O(block × n + kept) rather than O(n²). Blocks run in parallel; each query row's result depends only on
/// that row, so the outcome does not depend on scheduling.
/// </summary>
internal static class NeighbourSearch
{
    /// <summary>Query rows per block: the block's rows stay in cache while every other row streams past once.</summary>
    private const int BlockRows = 16;

    /// <summary>
    /// For each query row, the distance to its <paramref name="k"/>-th nearest row counting the row itself (so k = 1 is
    /// 0): a row whose k-distance is at most ε has at least k rows, itself included, within ε — a DBSCAN core point.
    /// </summary>
    public static float[] KthDistances(VectorSet data, int[] queries, int k, ProgressGate progress, CancellationToken cancellationToken)
    {
        var result = new float[queries.Length];
        var done = 0L;
        ForEachBlock(data, queries, (rowInBlock, query, distances) =>
        {
            result[rowInBlock] = KthSmallest(distances, k);
            var count = Interlocked.Increment(ref done);
            progress.Report(new ClusteringProgress("estimating epsilon", count, queries.Length, "points"));
        }, cancellationToken);

        return result;
    }

    /// <summary>
    /// For every row, the rows within <paramref name="epsilon"/> (distance ≤ ε, the row itself included), ascending;
    /// rows with fewer than <paramref name="keepAtLeast"/> get an empty list, since DBSCAN never expands from a
    /// non-core row and its list would only hold memory.
    /// </summary>
    public static int[][] WithinRadius(VectorSet data, float epsilon, int keepAtLeast, ProgressGate progress, CancellationToken cancellationToken)
    {
        var all = new int[data.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        var neighbours = new int[data.Count][];
        var done = 0L;
        ForEachBlock(data, all, (_, query, distances) =>
        {
            var within = IndicesAtMost(distances, epsilon);
            neighbours[query] = within.Length >= keepAtLeast ? within : [];
            var count = Interlocked.Increment(ref done);
            progress.Report(new ClusteringProgress("neighbours", count, data.Count, "points"));
        }, cancellationToken);

        return neighbours;
    }

    private static void ForEachBlock(VectorSet data, int[] queries, Action<int, int, ReadOnlySpan<float>> perQuery, CancellationToken cancellationToken)
    {
        var n = data.Count;
        var blocks = (queries.Length + BlockRows - 1) / BlockRows;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, blocks, options, () => new float[BlockRows * n], (block, _, buffer) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = block * BlockRows;
            var rows = Math.Min(BlockRows, queries.Length - first);

            // Every other row is read once per block and compared with all the block's rows while it is in cache.
            for (var j = 0; j < n; j++)
            {
                var other = data[j];
                for (var r = 0; r < rows; r++)
                {
                    buffer[(r * n) + j] = TensorPrimitives.Distance(data[queries[first + r]], other);
                }
            }

            for (var r = 0; r < rows; r++)
            {
                perQuery(first + r, queries[first + r], buffer.AsSpan(r * n, n));
            }

            return buffer;
        }, _ => { });
    }

    /// <summary>Indices whose value is at most <paramref name="limit"/>, found a vector of lanes at a time.</summary>
    internal static int[] IndicesAtMost(ReadOnlySpan<float> values, float limit)
    {
        var found = new List<int>();
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var bound = Vector256.Create(limit);
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var mask = Vector256.LessThanOrEqual(Vector256.Create(values.Slice(i, Vector256<float>.Count)), bound).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    found.Add(i + System.Numerics.BitOperations.TrailingZeroCount(mask));
                    mask &= mask - 1;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] <= limit)
            {
                found.Add(i);
            }
        }

        return [.. found];
    }

    /// <summary>
    /// The k-th smallest value: a vector compare against the current k-th best skips the lanes that cannot enter, so
    /// only the few candidates that do are inserted into the small sorted list.
    /// </summary>
    internal static float KthSmallest(ReadOnlySpan<float> values, int k)
    {
        var best = new float[k];
        Array.Fill(best, float.PositiveInfinity);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var lanes = Vector256.Create(values.Slice(i, Vector256<float>.Count));
                var mask = Vector256.LessThan(lanes, Vector256.Create(best[k - 1])).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    Insert(best, values[i + System.Numerics.BitOperations.TrailingZeroCount(mask)]);
                    mask &= mask - 1;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            Insert(best, values[i]);
        }

        return best[k - 1];
    }

    private static void Insert(float[] best, float value)
    {
        var at = best.Length - 1;
        if (!(value < best[at]))
        {
            return;
        }

        while (at > 0 && best[at - 1] > value)
        {
            best[at] = best[at - 1];
            at--;
        }

        best[at] = value;
    }
}
