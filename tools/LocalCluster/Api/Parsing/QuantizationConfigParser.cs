using System.Text.Json;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>
/// Checks a quantization_config as Qdrant does: one of scalar (int8, quantile 0.5..1), product (compression x4..x64)
/// or binary; on PATCH also the string "Disabled" (Qdrant's OpenAPI: CreateCollection takes a QuantizationConfig,
/// only UpdateCollection's QuantizationConfigDiff has Disabled). The configuration is stored and echoed; exact search
/// ignores it.
/// </summary>
public static class QuantizationConfigParser
{
    private static readonly string[] Compressions = ["x4", "x8", "x16", "x32", "x64"];

    public static void Validate(JsonElement quantization, bool isUpdate)
    {
        if (isUpdate && quantization.ValueKind == JsonValueKind.String && quantization.GetString() == "Disabled")
        {
            return;
        }

        if (quantization.ValueKind != JsonValueKind.Object)
        {
            // Serde's words for a value no variant of the untagged enum takes (QuantizationConfig on create).
            throw ApiException.Format(isUpdate
                ? "quantization_config: expected an object with `scalar`, `product` or `binary`, or \"Disabled\""
                : "quantization_config: data did not match any variant of untagged enum QuantizationConfig");
        }

        var kinds = quantization.EnumerateObject().Select(p => p.Name).ToList();
        if (kinds is not ["scalar" or "product" or "binary"])
        {
            throw ApiException.Format($"quantization_config: expected exactly one of `scalar`, `product`, `binary`, found {(kinds.Count == 0 ? "none" : string.Join(", ", kinds.Select(k => $"`{k}`")))}");
        }

        var config = quantization.GetProperty(kinds[0]);
        config.OptionalBool("always_ram");
        switch (kinds[0])
        {
            case "scalar":
                if (config.OptionalString("type") is not "int8")
                {
                    throw ApiException.Format("quantization_config.scalar.type: unknown variant, expected `int8`");
                }

                if (config.OptionalNumber("quantile") is { } quantile && quantile is < 0.5 or > 1)
                {
                    throw ApiException.Validation("quantization_config.scalar.quantile", $"value {quantile} invalid, must be in range 0.5..=1");
                }

                break;
            case "product":
                var compression = config.OptionalString("compression");
                if (compression is null || !Compressions.Contains(compression))
                {
                    throw ApiException.Format($"quantization_config.product.compression: unknown variant `{compression}`, expected one of `x4`, `x8`, `x16`, `x32`, `x64`");
                }

                break;
        }
    }
}
