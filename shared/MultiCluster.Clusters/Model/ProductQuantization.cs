namespace MultiCluster.Clusters;

/// <summary>Product quantization: vectors cut into chunks, each stored as a codebook index; large savings, larger recall loss.</summary>
/// <param name="Compression">How many times smaller the quantized vectors are than the float32 originals.</param>
/// <param name="AlwaysRam">Keep the quantized vectors in RAM even when the originals are on disk.</param>
public sealed record ProductQuantization(ProductCompression Compression, bool? AlwaysRam = null) : VectorQuantization
{
    public override bool? AlwaysRam { get; } = AlwaysRam;
}
