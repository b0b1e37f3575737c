namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Vectors as one row-major n × d block: distance kernels stream through contiguous memory instead of chasing one
/// array per point. Rows are the vectors as the strategies compare them (normalised already for cosine libraries by
/// the domain layer).
/// </summary>
public sealed class VectorSet
{
    public VectorSet(float[] data, int dimension)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (data.Length % dimension != 0)
        {
            throw new ArgumentException($"{data.Length} values do not make whole rows of dimension {dimension}.", nameof(data));
        }

        Data = data;
        Dimension = dimension;
    }

    /// <summary>The values, row after row.</summary>
    public float[] Data { get; }

    public int Dimension { get; }

    public int Count => Data.Length / Dimension;

    public ReadOnlySpan<float> this[int row] => Data.AsSpan(row * Dimension, Dimension);

    /// <summary>A writable view of one row (strategies update centroids in place).</summary>
    public Span<float> Row(int row) => Data.AsSpan(row * Dimension, Dimension);

    public static VectorSet FromRows(IReadOnlyList<float[]> rows, int dimension)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var data = new float[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimension)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Length} values, not {dimension}.", nameof(rows));
            }

            rows[i].CopyTo(data, i * dimension);
        }

        return new VectorSet(data, dimension);
    }

    /// <summary>A copy holding the given rows, in the given order.</summary>
    public VectorSet Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var data = new float[rows.Count * Dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            this[rows[i]].CopyTo(data.AsSpan(i * Dimension, Dimension));
        }

        return new VectorSet(data, Dimension);
    }
}
