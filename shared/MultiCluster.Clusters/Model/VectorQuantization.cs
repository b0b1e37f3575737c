namespace MultiCluster.Clusters;

/// <summary>
/// How a collection compresses its vectors for search: <see cref="ScalarQuantization"/> (int8),
/// <see cref="ProductQuantization"/> or <see cref="BinaryQuantization"/>. A closed set: Qdrant knows these three, and
/// the adapter must be able to send each one.
/// </summary>
public abstract record VectorQuantization
{
    private protected VectorQuantization()
    {
    }

    /// <summary>Keep the quantized vectors in RAM even when the originals are on disk; null takes the cluster's default.</summary>
    public abstract bool? AlwaysRam { get; }
}
