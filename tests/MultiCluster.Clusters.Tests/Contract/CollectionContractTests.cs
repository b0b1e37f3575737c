using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

[Collection(ContractSuite.Name)]
public class CollectionContractTests(ClusterUnderTest target)
{
    private IVectorCluster Cluster => target.Cluster;

    [Fact]
    public async Task CreatedCollection_DescribesWithItsSettings()
    {
        var name = target.NewCollectionName("describe");
        var spec = new CollectionSpec(name, 16, Distance.Euclid, HnswM: 32, HnswEfConstruct: 200, OnDisk: true, Quantization: new ScalarQuantization(0.99f, true), ShardNumber: 1, ReplicationFactor: 1);

        await Cluster.CreateCollectionAsync(spec).Within();
        var info = await Cluster.DescribeCollectionAsync(name).Within();

        Assert.Equal(name, info.Name);
        Assert.Equal((16, Distance.Euclid), (info.Spec.VectorSize, info.Spec.Distance));
        Assert.Equal((32, 200), (info.Spec.HnswM, info.Spec.HnswEfConstruct));
        Assert.True(info.Spec.OnDisk);
        Assert.Equal(new ScalarQuantization(0.99f, true), info.Spec.Quantization);
        Assert.Equal((1, 1), (info.Spec.ShardNumber, info.Spec.ReplicationFactor));
        Assert.Equal(0, info.PointsCount);
    }

    [Fact]
    public async Task CollectionWithoutTuning_DescribesWithTheClustersDefaults()
    {
        var name = await target.NewCollectionAsync("defaults", 4, Distance.Cosine);

        var info = await Cluster.DescribeCollectionAsync(name).Within();

        Assert.NotNull(info.Spec.HnswM);
        Assert.NotNull(info.Spec.HnswEfConstruct);
        Assert.Null(info.Spec.Quantization);
        Assert.Equal(Distance.Cosine, info.Spec.Distance);
    }

    [Fact]
    public async Task Collections_AreListedUntilDropped()
    {
        var name = await target.NewCollectionAsync("list", 4, Distance.Dot);

        Assert.Contains(name, await Cluster.ListCollectionsAsync().Within());
        Assert.True(await Cluster.DropCollectionAsync(name).Within());
        Assert.DoesNotContain(name, await Cluster.ListCollectionsAsync().Within());
        Assert.False(await Cluster.DropCollectionAsync(name).Within());
    }

    [Fact]
    public async Task CreatingAnExistingCollection_ThrowsAlreadyExists_NamingIt()
    {
        var name = await target.NewCollectionAsync("twice", 4, Distance.Dot);

        var error = await Assert.ThrowsAsync<CollectionAlreadyExistsException>(() => Cluster.CreateCollectionAsync(new CollectionSpec(name, 4, Distance.Dot)).Within());

        Assert.Equal(name, error.Collection);
        Assert.Contains($"collection '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", error.ServerError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribingAMissingCollection_ThrowsNotFound_NamingIt()
    {
        var name = target.NewCollectionName("missing");

        var error = await Assert.ThrowsAsync<CollectionNotFoundException>(() => Cluster.DescribeCollectionAsync(name).Within());

        Assert.Equal(name, error.Collection);
        Assert.Contains(name, error.ServerError, StringComparison.Ordinal);
        Assert.Contains("Cluster 'contract'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PointOperationsOnAMissingCollection_ThrowNotFound()
    {
        var name = target.NewCollectionName("nowhere");

        await Assert.ThrowsAsync<CollectionNotFoundException>(() => Cluster.SearchAsync(name, new SearchRequest([1f, 0f], 1)).Within());
        await Assert.ThrowsAsync<CollectionNotFoundException>(() => Cluster.UpsertAsync(name, [new PointRecord("1", [1f, 0f])]).Within());
        await Assert.ThrowsAsync<CollectionNotFoundException>(() => Cluster.CountAsync(name).Within());
    }
}
