using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;
using Xunit;
using ClusterDistance = MultiCluster.Clusters.Distance;

namespace MultiCluster.Specialization.Tests.Tuning;

public sealed class CollectionTuningTests
{
    public static TheoryData<CollectionSettings> EverySetting => new()
    {
        new CollectionSettings { HnswM = 24, HnswEfConstruct = 150, Quantization = Quantization.ScalarInt8, ScalarQuantile = 0.95f, QuantizationAlwaysRam = true, OnDisk = true, HnswOnDisk = true, ShardNumber = 2, ReplicationFactor = 3, IndexingThresholdKb = 5_000 },
        new CollectionSettings { HnswM = 8, HnswEfConstruct = 64, Quantization = Quantization.Product, ProductCompressionRatio = 32, QuantizationAlwaysRam = true, OnDisk = true, ShardNumber = 1, ReplicationFactor = 1, IndexingThresholdKb = 1 },
        new CollectionSettings { HnswM = 16, HnswEfConstruct = 100, Quantization = Quantization.Binary, ShardNumber = 4, ReplicationFactor = 1, IndexingThresholdKb = 20_000 },
        new CollectionSettings { HnswM = 32, HnswEfConstruct = 256, Quantization = Quantization.None, ShardNumber = 1, ReplicationFactor = 1, IndexingThresholdKb = 10_000 },
    };

    [Theory]
    [MemberData(nameof(EverySetting))]
    public void SettingsToSpecAndBack_KeepEveryCollectionSetting(CollectionSettings settings)
    {
        var spec = CollectionTuning.ToSpec("lib__d1", 64, ClusterDistance.Cosine, settings);

        var back = CollectionTuning.FromSpec(spec, hnswEf: 77);

        var expected = settings.Clone();
        expected.HnswEf = 77;
        Assert.Equal(expected, back);
    }

    [Fact]
    public void ProductWithoutARatio_TakesTheContractsDefaultOf16()
    {
        var spec = CollectionTuning.ToSpec("lib__d1", 64, ClusterDistance.Dot, new CollectionSettings { Quantization = Quantization.Product });

        Assert.Equal(new ProductQuantization(ProductCompression.X16), spec.Quantization);
    }

    [Fact]
    public void Update_SetsOnlyTheMaskedFields_FalseIncluded()
    {
        var settings = new CollectionSettings { HnswM = 48, OnDisk = false, HnswOnDisk = true, IndexingThresholdKb = 7 };

        var update = CollectionTuning.ToUpdate(settings, new HashSet<string> { "hnsw_m", "on_disk" });

        Assert.Equal(new CollectionUpdate(HnswM: 48, OnDisk: false), update);
    }

    [Fact]
    public void Update_WithQuantizationNone_DisablesQuantization()
    {
        var update = CollectionTuning.ToUpdate(new CollectionSettings { Quantization = Quantization.None }, new HashSet<string> { "quantization" });

        Assert.Equal(new CollectionUpdate(DisableQuantization: true), update);
    }

    [Fact]
    public void Update_WithScalarAndItsDetails_SendsTheWholeQuantization()
    {
        var settings = new CollectionSettings { Quantization = Quantization.ScalarInt8, ScalarQuantile = 0.9f, QuantizationAlwaysRam = false };

        var update = CollectionTuning.ToUpdate(settings, new HashSet<string> { "quantization", "scalar_quantile", "quantization_always_ram" });

        Assert.Equal(new CollectionUpdate(Quantization: new ScalarQuantization(0.9f, false)), update);
    }

    [Fact]
    public void Update_NeverCarriesShardsOrSearchEf()
    {
        var update = CollectionTuning.ToUpdate(new CollectionSettings { ShardNumber = 3, HnswEf = 90 }, new HashSet<string> { "shard_number", "hnsw_ef" });

        Assert.True(update.IsEmpty);
    }
}
