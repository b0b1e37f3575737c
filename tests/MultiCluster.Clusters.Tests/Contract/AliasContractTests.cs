using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

[Collection(ContractSuite.Name)]
public class AliasContractTests(ClusterUnderTest target)
{
    private IVectorCluster Cluster => target.Cluster;

    [Fact]
    public async Task Alias_AnswersReadsAndWritesForItsCollection()
    {
        var name = await target.NewCollectionAsync("aliased", 2, Distance.Dot);
        var alias = target.NewCollectionName("alias");

        await Cluster.CreateAliasAsync(alias, name).Within();
        await Cluster.UpsertAsync(alias, [new PointRecord("1", [1f, 0f])]).Within();

        Assert.Equal(1, await Cluster.CountAsync(name).Within());
        Assert.Equal("1", Assert.Single(await Cluster.SearchAsync(alias, new SearchRequest([1f, 0f], 5)).Within()).Id);
        Assert.Contains(new AliasInfo(alias, name), await Cluster.ListAliasesAsync().Within());
        Assert.DoesNotContain(alias, await Cluster.ListCollectionsAsync().Within());
    }

    [Fact]
    public async Task SwitchAlias_MovesItAtomically_ReadersNeverSeeItMissing()
    {
        var blue = await target.NewCollectionAsync("blue", 2, Distance.Dot);
        var green = await target.NewCollectionAsync("green", 2, Distance.Dot);
        await Cluster.UpsertAsync(blue, [new PointRecord("1", [1f, 0f])]).Within();
        await Cluster.UpsertAsync(green, [new PointRecord("1", [1f, 0f]), new PointRecord("2", [0f, 1f])]).Within();
        var alias = target.NewCollectionName("live");
        await Cluster.CreateAliasAsync(alias, blue).Within();

        // Readers count through the alias while it flips back and forth: every answer is one whole collection.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var counts = new List<long>();
            while (!stop.IsCancellationRequested)
            {
                counts.Add(await Cluster.CountAsync(alias).Within());
            }

            return counts;
        })).ToList();
        for (var i = 0; i < 20; i++)
        {
            await Cluster.SwitchAliasAsync(alias, i % 2 == 0 ? green : blue).Within();
        }

        await stop.CancelAsync();
        var seen = (await Task.WhenAll(readers).Within()).SelectMany(c => c).ToList();

        Assert.NotEmpty(seen);
        Assert.All(seen, count => Assert.Contains(count, new long[] { 1, 2 }));
        Assert.Equal(new AliasInfo(alias, blue), Assert.Single(await Cluster.ListAliasesAsync().Within(), a => a.Alias == alias));
    }

    [Fact]
    public async Task SwitchAlias_CreatesAMissingAlias()
    {
        var name = await target.NewCollectionAsync("switch_new", 2, Distance.Dot);
        var alias = target.NewCollectionName("fresh");

        await Cluster.SwitchAliasAsync(alias, name).Within();

        Assert.Contains(new AliasInfo(alias, name), await Cluster.ListAliasesAsync().Within());
    }

    [Fact]
    public async Task DeletedAlias_IsGone_AndDeletingItAgainIsFine()
    {
        var name = await target.NewCollectionAsync("unalias", 2, Distance.Dot);
        var alias = target.NewCollectionName("gone");
        await Cluster.CreateAliasAsync(alias, name).Within();

        await Cluster.DeleteAliasAsync(alias).Within();
        await Cluster.DeleteAliasAsync(alias).Within();

        Assert.DoesNotContain(await Cluster.ListAliasesAsync().Within(), a => a.Alias == alias);
        await Assert.ThrowsAsync<CollectionNotFoundException>(() => Cluster.CountAsync(alias).Within());
    }

    [Fact]
    public async Task AliasToAMissingCollection_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<CollectionNotFoundException>(() => Cluster.CreateAliasAsync(target.NewCollectionName("orphan"), target.NewCollectionName("nothing")).Within());

        Assert.NotNull(error.ServerError);
    }
}
