using G = Qdrant.Client.Grpc;

// always_ram is deprecated in Qdrant 1.16+ in favour of "memory" modes; every Qdrant 1.x still takes and reports it.
#pragma warning disable CS0612

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>The port's quantization records to Qdrant's three quantization messages, and back.</summary>
internal static class QuantizationConversions
{
    public static G.QuantizationConfig ToConfig(VectorQuantization quantization) => quantization switch
    {
        ScalarQuantization s => new G.QuantizationConfig { Scalar = Scalar(s) },
        ProductQuantization p => new G.QuantizationConfig { Product = Product(p) },
        BinaryQuantization b => new G.QuantizationConfig { Binary = Binary(b) },
        _ => throw new ArgumentOutOfRangeException(nameof(quantization), quantization, "Unknown quantization."),
    };

    public static G.QuantizationConfigDiff ToDiff(VectorQuantization quantization) => quantization switch
    {
        ScalarQuantization s => new G.QuantizationConfigDiff { Scalar = Scalar(s) },
        ProductQuantization p => new G.QuantizationConfigDiff { Product = Product(p) },
        BinaryQuantization b => new G.QuantizationConfigDiff { Binary = Binary(b) },
        _ => throw new ArgumentOutOfRangeException(nameof(quantization), quantization, "Unknown quantization."),
    };

    public static VectorQuantization? FromGrpc(G.QuantizationConfig? config) => config?.QuantizationCase switch
    {
        G.QuantizationConfig.QuantizationOneofCase.Scalar => new ScalarQuantization(
            config.Scalar.HasQuantile ? config.Scalar.Quantile : null,
            config.Scalar.HasAlwaysRam ? config.Scalar.AlwaysRam : null),
        G.QuantizationConfig.QuantizationOneofCase.Product => new ProductQuantization(
            FromGrpc(config.Product.Compression),
            config.Product.HasAlwaysRam ? config.Product.AlwaysRam : null),
        G.QuantizationConfig.QuantizationOneofCase.Binary => new BinaryQuantization(config.Binary.HasAlwaysRam ? config.Binary.AlwaysRam : null),
        _ => null,
    };

    private static G.ScalarQuantization Scalar(ScalarQuantization quantization)
    {
        var scalar = new G.ScalarQuantization { Type = G.QuantizationType.Int8 };
        if (quantization.Quantile is { } quantile)
        {
            scalar.Quantile = quantile;
        }

        if (quantization.AlwaysRam is { } alwaysRam)
        {
            scalar.AlwaysRam = alwaysRam;
        }

        return scalar;
    }

    private static G.ProductQuantization Product(ProductQuantization quantization)
    {
        var product = new G.ProductQuantization { Compression = ToGrpc(quantization.Compression) };
        if (quantization.AlwaysRam is { } alwaysRam)
        {
            product.AlwaysRam = alwaysRam;
        }

        return product;
    }

    private static G.BinaryQuantization Binary(BinaryQuantization quantization)
    {
        var binary = new G.BinaryQuantization();
        if (quantization.AlwaysRam is { } alwaysRam)
        {
            binary.AlwaysRam = alwaysRam;
        }

        return binary;
    }

    private static G.CompressionRatio ToGrpc(ProductCompression compression) => compression switch
    {
        ProductCompression.X4 => G.CompressionRatio.X4,
        ProductCompression.X8 => G.CompressionRatio.X8,
        ProductCompression.X16 => G.CompressionRatio.X16,
        ProductCompression.X32 => G.CompressionRatio.X32,
        ProductCompression.X64 => G.CompressionRatio.X64,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown compression ratio."),
    };

    private static ProductCompression FromGrpc(G.CompressionRatio compression) => compression switch
    {
        G.CompressionRatio.X4 => ProductCompression.X4,
        G.CompressionRatio.X8 => ProductCompression.X8,
        G.CompressionRatio.X16 => ProductCompression.X16,
        G.CompressionRatio.X32 => ProductCompression.X32,
        G.CompressionRatio.X64 => ProductCompression.X64,
        _ => throw new UnexpectedResponseException($"the collection uses product compression '{compression}', which the port does not know (x4..x64)"),
    };
}
