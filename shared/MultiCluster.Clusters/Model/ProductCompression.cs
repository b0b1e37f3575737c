namespace MultiCluster.Clusters;

/// <summary>Compression ratios of <see cref="ProductQuantization"/> (Qdrant's x4..x64); the value is the ratio.</summary>
public enum ProductCompression
{
    X4 = 4,
    X8 = 8,
    X16 = 16,
    X32 = 32,
    X64 = 64,
}
