using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Exact mean silhouette of several labellings of the same rows at once: the n² distances, the expensive part, are
/// computed once (a tile of rows at a time, in parallel) and every labelling reads them, so choosing k among 30
/// candidates costs one distance pass instead of 30. Labels must be dense, 0 ≤ label &lt; clusters.
/// </summary>
internal static class SilhouetteScorer
{
    /// <summary>Rows per tile: 32 rows of up to ~1,500 dimensions stay in L2 while the others stream past.</summary>
    private const int Tile = 32;

    public static double[] Scores(VectorSet rows, float[] norms, IReadOnlyList<int[]> labellings, CancellationToken cancellationToken)
    {
        var n = rows.Count;
        var clusterCounts = labellings.Select(l => l.Length == 0 ? 0 : l.Max() + 1).ToArray();
        var sizes = labellings.Select((l, index) =>
        {
            var size = new int[clusterCounts[index]];
            foreach (var label in l)
            {
                size[label]++;
            }

            return size;
        }).ToArray();
        var perRow = labellings.Select(_ => new double[n]).ToArray();
        var tiles = (n + Tile - 1) / Tile;
        Parallel.For(0, tiles, new ParallelOptions { CancellationToken = cancellationToken }, tile =>
        {
            var start = tile * Tile;
            var end = Math.Min(n, start + Tile);
            var distances = new float[(end - start) * n];
            DistanceKernels.DotTile(rows, start, end, rows, distances);
            var sums = new double[clusterCounts.Length == 0 ? 0 : clusterCounts.Max()];
            for (var i = start; i < end; i++)
            {
                // ‖a − b‖ = √(‖a‖² + ‖b‖² − 2 a·b), clamped at 0 against cancellation; a row is at distance 0 from itself.
                var row = distances.AsSpan((i - start) * n, n);
                TensorPrimitives.MultiplyAdd(row, -2f, norms, row);
                TensorPrimitives.Add(row, norms[i], row);
                TensorPrimitives.Max(row, 0f, row);
                TensorPrimitives.Sqrt(row, row);
                row[i] = 0;
                for (var l = 0; l < labellings.Count; l++)
                {
                    perRow[l][i] = RowSilhouette(row, labellings[l], labellings[l][i], sizes[l], sums.AsSpan(0, clusterCounts[l]));
                }
            }
        });

        var scores = new double[labellings.Count];
        for (var l = 0; l < labellings.Count; l++)
        {
            if (sizes[l].Count(s => s > 0) < 2)
            {
                continue;
            }

            var total = 0.0;
            foreach (var value in perRow[l])
            {
                total += value;
            }

            scores[l] = total / n;
        }

        return scores;
    }

    /// <summary>(b − a) / max(a, b), with a the mean distance to the row's own cluster and b to the nearest other; 0 for a cluster of one, as scikit-learn has it.</summary>
    private static double RowSilhouette(ReadOnlySpan<float> distances, int[] labels, int own, int[] sizes, Span<double> sums)
    {
        if (sizes[own] <= 1)
        {
            return 0;
        }

        sums.Clear();
        for (var j = 0; j < distances.Length; j++)
        {
            sums[labels[j]] += distances[j];
        }

        var a = sums[own] / (sizes[own] - 1);
        var b = double.PositiveInfinity;
        for (var c = 0; c < sums.Length; c++)
        {
            if (c != own && sizes[c] > 0)
            {
                b = Math.Min(b, sums[c] / sizes[c]);
            }
        }

        var scale = Math.Max(a, b);
        return double.IsPositiveInfinity(b) || scale == 0 ? 0 : (b - a) / scale;
    }
}
