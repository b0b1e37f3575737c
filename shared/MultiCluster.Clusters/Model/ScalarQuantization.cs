namespace MultiCluster.Clusters;

/// <summary>
/// int8 scalar quantization of a collection's vectors: a quarter of the memory for a small loss of precision.
/// Null fields take the cluster's defaults.
/// </summary>
/// <param name="Quantile">Fraction of values (0.5..1) whose range sets the quantization bounds; outliers beyond it are clipped.</param>
/// <param name="AlwaysRam">Keep the quantized vectors in RAM even when the originals are on disk.</param>
public sealed record ScalarQuantization(float? Quantile = null, bool? AlwaysRam = null) : VectorQuantization
{
    public override bool? AlwaysRam { get; } = AlwaysRam;
}
