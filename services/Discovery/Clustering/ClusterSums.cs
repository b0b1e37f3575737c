using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Running per-cluster sums of member rows, in double so that moving rows in and out over many iterations does not
/// drift. Rows are added and removed in list order by every thread, each thread owning a band of dimensions: the
/// work is parallel, and each element's sum is taken in the same order whatever the scheduling (deterministic).
/// Keeping sums lets an iteration touch only the rows that changed cluster (Hamerly), not every row.
/// </summary>
internal sealed class ClusterSums
{
    private readonly int _dimension;

    public ClusterSums(int clusters, int dimension)
    {
        _dimension = dimension;
        Sums = new double[clusters * dimension];
        Counts = new long[clusters];
    }

    public double[] Sums { get; }

    public long[] Counts { get; }

    public void Clear()
    {
        Array.Clear(Sums);
        Array.Clear(Counts);
    }

    /// <summary>Moves each listed row from cluster <c>From</c> (−1: none) to cluster <c>To</c> (−1: none).</summary>
    public void Apply(VectorSet data, IReadOnlyList<RowMove> moves)
    {
        if (moves.Count == 0)
        {
            return;
        }

        foreach (var move in moves)
        {
            if (move.From >= 0)
            {
                Counts[move.From]--;
            }

            if (move.To >= 0)
            {
                Counts[move.To]++;
            }
        }

        // Bands of at least 64 dimensions keep each vector call long enough to pay; the band size does not change any result.
        var bands = Math.Max(1, Math.Min(Environment.ProcessorCount * 2, _dimension / 64));
        var bandSize = (_dimension + bands - 1) / bands;
        Parallel.For(0, bands, band =>
        {
            var from = band * bandSize;
            var length = Math.Min(_dimension, from + bandSize) - from;
            if (length <= 0)
            {
                return;
            }

            var scratch = new double[length];
            foreach (var move in moves)
            {
                TensorPrimitives.ConvertTruncating<float, double>(data[move.Row].Slice(from, length), scratch);
                if (move.From >= 0)
                {
                    var sum = Sums.AsSpan((move.From * _dimension) + from, length);
                    TensorPrimitives.Subtract(sum, scratch, sum);
                }

                if (move.To >= 0)
                {
                    var sum = Sums.AsSpan((move.To * _dimension) + from, length);
                    TensorPrimitives.Add(sum, scratch, sum);
                }
            }
        });
    }

    /// <summary>The mean of cluster <paramref name="cluster"/> into <paramref name="centroid"/>; false (untouched) when it is empty.</summary>
    public bool MeanInto(int cluster, Span<float> centroid)
    {
        if (Counts[cluster] == 0)
        {
            return false;
        }

        Span<double> mean = _dimension <= 512 ? stackalloc double[_dimension] : new double[_dimension];
        TensorPrimitives.Divide(Sums.AsSpan(cluster * _dimension, _dimension), Counts[cluster], mean);
        TensorPrimitives.ConvertTruncating<double, float>(mean, centroid);
        return true;
    }
}
