using System.Globalization;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// The ranges the contract gives each field of <see cref="CollectionSettings"/>. Zero always passes (it means "keep",
/// or the cluster's default); every problem is reported, each starting with its field path.
/// </summary>
public static class SettingsRules
{
    private static readonly uint[] CompressionRatios = [4, 8, 16, 32, 64];

    /// <summary>SpecializationException (INVALID_ARGUMENT) listing every value out of range.</summary>
    public static void Check(CollectionSettings settings, string path)
    {
        var problems = Problems(settings, path);
        if (problems.Count > 0)
        {
            throw SpecializationException.Invalid(string.Join("; ", problems));
        }
    }

    public static IReadOnlyList<string> Problems(CollectionSettings settings, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        Range(problems, path, "hnsw_m", settings.HnswM, 4, 128, "cluster default 16");
        Range(problems, path, "hnsw_ef_construct", settings.HnswEfConstruct, 4, 1000, "cluster default 100");
        Range(problems, path, "hnsw_ef", settings.HnswEf, 1, 1000, "0 leaves the query's own");
        Range(problems, path, "shard_number", settings.ShardNumber, 1, 64, "0 means 1");
        Range(problems, path, "replication_factor", settings.ReplicationFactor, 1, 16, "0 means 1");
        if (!Enum.IsDefined(settings.Quantization))
        {
            problems.Add($"{path}.quantization: {(int)settings.Quantization} is not a Quantization; use NONE, SCALAR_INT8, PRODUCT or BINARY");
        }

        if (settings.ScalarQuantile != 0 && !(settings.ScalarQuantile > 0.5f && settings.ScalarQuantile <= 1f))
        {
            problems.Add($"{path}.scalar_quantile: {settings.ScalarQuantile.ToString(CultureInfo.InvariantCulture)} is outside (0.5, 1]; use e.g. 0.99, or 0 for the default");
        }
        else if (settings.ScalarQuantile != 0 && settings.Quantization != Quantization.ScalarInt8)
        {
            problems.Add($"{path}.scalar_quantile: applies to QUANTIZATION_SCALAR_INT8 only, not {settings.Quantization}; set it to 0");
        }

        if (settings.ProductCompressionRatio != 0 && !CompressionRatios.Contains(settings.ProductCompressionRatio))
        {
            problems.Add($"{path}.product_compression_ratio: {settings.ProductCompressionRatio} is not one of 4, 8, 16, 32, 64");
        }
        else if (settings.ProductCompressionRatio != 0 && settings.Quantization != Quantization.Product)
        {
            problems.Add($"{path}.product_compression_ratio: applies to QUANTIZATION_PRODUCT only, not {settings.Quantization}; set it to 0");
        }

        if (settings.IndexingThresholdKb > long.MaxValue)
        {
            problems.Add($"{path}.indexing_threshold_kb: {settings.IndexingThresholdKb} is too large; use a size in kilobytes, e.g. 20000");
        }

        return problems;
    }

    private static void Range(List<string> problems, string path, string field, uint value, uint min, uint max, string zero)
    {
        if (value == 0 || (value >= min && value <= max))
        {
            return;
        }

        var side = value < min ? $"below {min}" : $"above {max}";
        problems.Add($"{path}.{field}: {value} is {side}; use {min}..{max} (or 0: {zero})");
    }
}
