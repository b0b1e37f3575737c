using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;
using Xunit;

namespace MultiCluster.Specialization.Tests.Tuning;

public sealed class ConfigAdvisorTests
{
    // What a collection created without tuning describes as on LocalCluster (Qdrant's defaults, threshold 10,000 kB).
    private static CollectionSettings Defaults() => new()
    {
        HnswM = 16, HnswEfConstruct = 100, Quantization = Quantization.None, ShardNumber = 1, ReplicationFactor = 1, IndexingThresholdKb = 10_000,
    };

    [Fact]
    public void SmallCollection_GetsNoQuantization_AndALowIndexingThreshold_EvenUnderMemory()
    {
        var current = Defaults();
        current.Quantization = Quantization.ScalarInt8;

        var advice = ConfigAdvisor.Recommend(new CollectionFacts(5_000, 128, current, null), OptimizationStrategy.Memory)!;

        Assert.Equal(Quantization.None, advice.Recommended.Quantization);
        Assert.Equal(ConfigAdvisor.SmallIndexingThresholdKb, advice.Recommended.IndexingThresholdKb);
        Assert.Contains("quantization", advice.Fields);
        Assert.Contains("5,000 points is under 20,000", advice.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeCollection_UnderMemory_GoesInt8WithOriginalsOnDisk_AndUsesLessMemory()
    {
        var advice = ConfigAdvisor.Recommend(new CollectionFacts(60_000, 784, Defaults(), null), OptimizationStrategy.Memory)!;

        Assert.Equal((Quantization.ScalarInt8, true, true), (advice.Recommended.Quantization, advice.Recommended.OnDisk, advice.Recommended.QuantizationAlwaysRam));
        Assert.Contains("60,000 points x 784 dims are 179.4 MB of float vectors: int8 quantization in RAM, originals on disk", advice.Rationale, StringComparison.Ordinal);
        Assert.True(advice.MemoryChangePercent < -50, $"memory change {advice.MemoryChangePercent}%");
        Assert.Equal((1u, 1u), (advice.Recommended.ShardNumber, advice.Recommended.ReplicationFactor));
    }

    [Fact]
    public void HighP99_UnderLatency_KeepsVectorsAndGraphInRam_SayingTheNumbers()
    {
        var current = Defaults();
        current.OnDisk = true;
        current.HnswOnDisk = true;
        var load = new ClusterLoad { LatencyP99Ms = 48 };

        var advice = ConfigAdvisor.Recommend(new CollectionFacts(100_000, 256, current, load), OptimizationStrategy.Latency)!;

        Assert.False(advice.Recommended.OnDisk);
        Assert.False(advice.Recommended.HnswOnDisk);
        Assert.Contains("p99 48 ms over the 20 ms target", advice.Rationale, StringComparison.Ordinal);
        Assert.True(advice.LatencyChangePercent < 0, $"latency change {advice.LatencyChangePercent}%");
    }

    [Fact]
    public void CollectionAlreadyTuned_GetsNoRecommendation()
    {
        Assert.Null(ConfigAdvisor.Recommend(new CollectionFacts(50_000, 64, Defaults(), null), OptimizationStrategy.Balanced));
    }

    [Fact]
    public void ShardsAndReplication_AreKept_EvenWhenTheStrategyRowDiffers()
    {
        var advice = ConfigAdvisor.Recommend(new CollectionFacts(50_000, 64, Defaults(), null), OptimizationStrategy.Throughput)!;

        Assert.Equal(1u, advice.Recommended.ShardNumber);
        Assert.DoesNotContain("shard_number", advice.Fields);
    }

    [Fact]
    public void SearchEf_IsRecommended_OnlyWhereAPlacementHoldsOne()
    {
        var withPlacement = Defaults();
        withPlacement.HnswEf = 300;

        var placed = ConfigAdvisor.Recommend(new CollectionFacts(50_000, 64, withPlacement, null), OptimizationStrategy.Balanced)!;
        var unplaced = ConfigAdvisor.Recommend(new CollectionFacts(50_000, 64, Defaults(), null), OptimizationStrategy.Recall)!;

        Assert.Equal(["hnsw_ef"], placed.Fields);
        Assert.Equal(128u, placed.Recommended.HnswEf);
        Assert.Equal(0u, unplaced.Recommended.HnswEf);
    }

    [Fact]
    public void CostModel_CountsQuantizedCopiesAndDiskPlacement()
    {
        var ram = new CollectionSettings { HnswM = 16, Quantization = Quantization.None };
        var binary = new CollectionSettings { HnswM = 16, Quantization = Quantization.Binary, OnDisk = true };

        Assert.Equal(100 * 4 + 128, CostModel.RamBytesPerPoint(ram, 100));
        Assert.Equal(13 + 128, CostModel.RamBytesPerPoint(binary, 100));
        Assert.Equal(-50.0, CostModel.Change(10, 5));
    }
}
