using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>
/// Every tuning setting of the port, through create, describe and update (Qdrant's Collections.Update). Against
/// LocalCluster the settings are stored and echoed only: it searches exactly, so no setting changes a result.
/// </summary>
[Collection(ContractSuite.Name)]
public class CollectionUpdateContractTests(ClusterUnderTest target)
{
    private IVectorCluster Cluster => target.Cluster;

    [Fact]
    public async Task CreatedWithEverySetting_DescribesEveryOneOfThem()
    {
        var name = target.NewCollectionName("every");
        var spec = new CollectionSpec(name, 64, Distance.Cosine, HnswM: 24, HnswEfConstruct: 150, OnDisk: true, Quantization: new ProductQuantization(ProductCompression.X32, AlwaysRam: true),
            ShardNumber: 2, ReplicationFactor: 1, HnswOnDisk: true, IndexingThresholdKb: 5_000);

        await Cluster.CreateCollectionAsync(spec).Within();
        var described = (await Cluster.DescribeCollectionAsync(name).Within()).Spec;

        Assert.Equal(spec, described);
    }

    [Fact]
    public async Task BinaryQuantization_IsDescribedAsBinary()
    {
        var name = target.NewCollectionName("binary");

        await Cluster.CreateCollectionAsync(new CollectionSpec(name, 128, Distance.Dot, Quantization: new BinaryQuantization(AlwaysRam: false))).Within();
        var described = (await Cluster.DescribeCollectionAsync(name).Within()).Spec;

        Assert.Equal(new BinaryQuantization(AlwaysRam: false), described.Quantization);
    }

    [Fact]
    public async Task Update_ChangesOnlyTheGivenSettings()
    {
        var name = target.NewCollectionName("update");
        await Cluster.CreateCollectionAsync(new CollectionSpec(name, 16, Distance.Euclid, HnswM: 16, HnswEfConstruct: 100, OnDisk: false, Quantization: new ScalarQuantization(0.95f, true), IndexingThresholdKb: 20_000)).Within();
        var before = (await Cluster.DescribeCollectionAsync(name).Within()).Spec;

        await Cluster.UpdateCollectionAsync(name, new CollectionUpdate(HnswM: 32, OnDisk: true)).Within();
        var after = (await Cluster.DescribeCollectionAsync(name).Within()).Spec;

        Assert.Equal(before with { HnswM = 32, OnDisk = true }, after);
    }

    [Fact]
    public async Task Update_ChangesEverySetting_ItCanChange()
    {
        var name = target.NewCollectionName("update_all");
        await Cluster.CreateCollectionAsync(new CollectionSpec(name, 16, Distance.Dot)).Within();
        var before = (await Cluster.DescribeCollectionAsync(name).Within()).Spec;
        var update = new CollectionUpdate(HnswM: 8, HnswEfConstruct: 64, HnswOnDisk: true, OnDisk: true, Quantization: new ScalarQuantization(0.99f, true), IndexingThresholdKb: 1_000, ReplicationFactor: 1);

        await Cluster.UpdateCollectionAsync(name, update).Within();
        var after = (await Cluster.DescribeCollectionAsync(name).Within()).Spec;

        Assert.Equal(before with { HnswM = 8, HnswEfConstruct = 64, HnswOnDisk = true, OnDisk = true, Quantization = new ScalarQuantization(0.99f, true), IndexingThresholdKb = 1_000, ReplicationFactor = 1 }, after);
    }

    [Fact]
    public async Task Update_ReplacesOrDisablesQuantization()
    {
        var name = target.NewCollectionName("quantization");
        await Cluster.CreateCollectionAsync(new CollectionSpec(name, 32, Distance.Cosine, Quantization: new ScalarQuantization())).Within();

        await Cluster.UpdateCollectionAsync(name, new CollectionUpdate(Quantization: new ProductQuantization(ProductCompression.X8))).Within();
        var product = (await Cluster.DescribeCollectionAsync(name).Within()).Spec.Quantization;
        await Cluster.UpdateCollectionAsync(name, new CollectionUpdate(DisableQuantization: true)).Within();
        var disabled = (await Cluster.DescribeCollectionAsync(name).Within()).Spec.Quantization;

        Assert.Equal(ProductCompression.X8, Assert.IsType<ProductQuantization>(product).Compression);
        Assert.Null(disabled);
    }

    [Fact]
    public async Task UpdatingAMissingCollection_ThrowsNotFound_NamingIt()
    {
        var name = target.NewCollectionName("missing_update");

        var error = await Assert.ThrowsAsync<CollectionNotFoundException>(() => Cluster.UpdateCollectionAsync(name, new CollectionUpdate(HnswM: 8)).Within());

        Assert.Equal(name, error.Collection);
        Assert.Contains(name, error.ServerError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateWithAValueTheClusterRefuses_ThrowsInvalidRequest_WithTheClustersWords()
    {
        var name = await target.NewCollectionAsync("invalid_update", 4, Distance.Dot);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => Cluster.UpdateCollectionAsync(name, new CollectionUpdate(HnswEfConstruct: 2)).Within());
        var unchanged = (await Cluster.DescribeCollectionAsync(name).Within()).Spec;

        Assert.Equal(name, error.Collection);
        Assert.Contains("ef_construct", error.ServerError, StringComparison.Ordinal);
        Assert.NotEqual(2, unchanged.HnswEfConstruct);
    }

    [Fact]
    public async Task UpdateThatBothSetsAndDisablesQuantization_IsRefusedBeforeSending()
    {
        var name = await target.NewCollectionAsync("both", 4, Distance.Dot);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => Cluster.UpdateCollectionAsync(name, new CollectionUpdate(Quantization: new BinaryQuantization(), DisableQuantization: true)).Within());

        Assert.Contains("both sets and disables quantization", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }
}
