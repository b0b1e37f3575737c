using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;
using Xunit;

namespace MultiCluster.Specialization.Tests.Tuning;

public sealed class SettingsMaskTests
{
    [Fact]
    public void EmptyMask_MeansEveryNonZeroField()
    {
        var settings = new CollectionSettings { HnswM = 32, OnDisk = true, Quantization = Quantization.None, IndexingThresholdKb = 9 };

        var fields = SettingsMask.Resolve(settings, [], "update_mask");

        Assert.Equal(["hnsw_m", "indexing_threshold_kb", "on_disk", "quantization"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenMask_IsTakenAsIs_EvenForZeroValues()
    {
        var fields = SettingsMask.Resolve(new CollectionSettings(), ["on_disk", "hnsw_on_disk"], "update_mask");

        Assert.Equal(["hnsw_on_disk", "on_disk"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnknownNames_AreRefused_StartingWithTheMaskField()
    {
        var error = Assert.Throws<SpecializationException>(() => SettingsMask.Resolve(new CollectionSettings(), ["hnsw_m", "ef", "colour"], "update_mask"));

        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.StartsWith("update_mask: 'ef', 'colour' are not fields of CollectionSettings; use hnsw_m,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuantizationDetails_WithoutTheKind_AreRefused()
    {
        var error = Assert.Throws<SpecializationException>(() => SettingsMask.Resolve(new CollectionSettings(), ["scalar_quantile"], "update_mask"));

        Assert.StartsWith("update_mask: scalar_quantile must come with 'quantization'", error.Message, StringComparison.Ordinal);
    }
}
