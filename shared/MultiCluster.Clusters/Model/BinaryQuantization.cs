namespace MultiCluster.Clusters;

/// <summary>1-bit binary quantization (32x smaller); for high-dimensional, centred embeddings.</summary>
/// <param name="AlwaysRam">Keep the quantized vectors in RAM even when the originals are on disk.</param>
public sealed record BinaryQuantization(bool? AlwaysRam = null) : VectorQuantization
{
    public override bool? AlwaysRam { get; } = AlwaysRam;
}
