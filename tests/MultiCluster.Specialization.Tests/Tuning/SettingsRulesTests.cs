using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;
using Xunit;

namespace MultiCluster.Specialization.Tests.Tuning;

public sealed class SettingsRulesTests
{
    [Fact]
    public void ZeroEverywhere_IsValid()
    {
        Assert.Empty(SettingsRules.Problems(new CollectionSettings(), "settings"));
    }

    [Fact]
    public void EveryStrategyRow_IsValid()
    {
        foreach (var strategy in Enum.GetValues<OptimizationStrategy>())
        {
            Assert.Empty(SettingsRules.Problems(StrategySettings.For(strategy), "settings"));
        }
    }

    [Fact]
    public void OutOfRange_StartsWithTheFieldPath_AndSaysTheRange()
    {
        var error = Assert.Throws<SpecializationException>(() => SettingsRules.Check(new CollectionSettings { HnswM = 200 }, "settings"));

        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.StartsWith("settings.hnsw_m: 200 is above 128; use 4..128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReported()
    {
        var settings = new CollectionSettings { HnswEfConstruct = 2, HnswEf = 5000, ShardNumber = 65, ReplicationFactor = 17, ScalarQuantile = 0.3f, Quantization = Quantization.ScalarInt8, ProductCompressionRatio = 12 };

        var problems = SettingsRules.Problems(settings, "settings");

        Assert.Equal(
            ["settings.hnsw_ef_construct", "settings.hnsw_ef", "settings.shard_number", "settings.replication_factor", "settings.scalar_quantile", "settings.product_compression_ratio"],
            problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void QuantizationDetails_OfAnotherKind_AreRefused()
    {
        var problems = SettingsRules.Problems(new CollectionSettings { Quantization = Quantization.Binary, ProductCompressionRatio = 8 }, "settings");

        Assert.StartsWith("settings.product_compression_ratio: applies to QUANTIZATION_PRODUCT only", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownQuantization_IsRefused()
    {
        var problems = SettingsRules.Problems(new CollectionSettings { Quantization = (Quantization)9 }, "settings");

        Assert.StartsWith("settings.quantization: 9 is not a Quantization", Assert.Single(problems), StringComparison.Ordinal);
    }
}
