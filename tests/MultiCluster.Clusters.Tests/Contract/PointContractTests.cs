using System.Text.Json.Nodes;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

[Collection(ContractSuite.Name)]
public class PointContractTests(ClusterUnderTest target)
{
    private const string Uuid = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    private IVectorCluster Cluster => target.Cluster;

    [Fact]
    public async Task UpsertedPoints_ReadBackWithExactVectorsAndPayloads()
    {
        var name = await target.NewCollectionAsync("roundtrip", 4, Distance.Dot);
        var payload = JsonNode.Parse("""{"title":"Dune","year":1965,"rating":4.25,"tags":["sf","classic"],"meta":{"author":"Herbert","isbn":null},"in_print":true}""")!.AsObject();
        var points = new List<PointRecord>
        {
            new("18446744073709551615", [0.1f, -0.2f, 3.5e-7f, 1e10f], payload),
            new(Uuid.ToUpperInvariant(), [1f, 2f, 3f, 4f]),
        };

        await Cluster.UpsertAsync(name, points).Within();
        var read = (await Cluster.RetrieveAsync(name, [points[0].Id, Uuid]).Within()).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(["18446744073709551615", Uuid], read.Select(p => p.Id));
        Assert.Equal(points[0].Vector, read[0].Vector);
        Assert.True(JsonNode.DeepEquals(payload, read[0].Payload), read[0].Payload?.ToJsonString());
        Assert.Equal(points[1].Vector, read[1].Vector);
        Assert.True(read[1].Payload is null || read[1].Payload!.Count == 0);
    }

    [Fact]
    public async Task CosineCollection_ReturnsNormalisedVectors()
    {
        var name = await target.NewCollectionAsync("cosine", 3, Distance.Cosine);

        await Cluster.UpsertAsync(name, [new PointRecord("1", [3f, 0f, 4f])]).Within();
        var read = Assert.Single(await Cluster.RetrieveAsync(name, ["1"]).Within());

        Assert.Equal([0.6f, 0f, 0.8f], read.Vector, new FloatTolerance(1e-6f));
    }

    [Fact]
    public async Task UpsertOfAnExistingId_ReplacesVectorAndPayload()
    {
        var name = await target.NewCollectionAsync("replace", 2, Distance.Dot);

        await Cluster.UpsertAsync(name, [new PointRecord("5", [1f, 1f], new JsonObject { ["v"] = 1, ["old"] = true })]).Within();
        await Cluster.UpsertAsync(name, [new PointRecord("5", [2f, 2f], new JsonObject { ["v"] = 2 })]).Within();
        var read = Assert.Single(await Cluster.RetrieveAsync(name, ["5"]).Within());

        Assert.Equal([2f, 2f], read.Vector);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["v"] = 2 }, read.Payload));
        Assert.Equal(1, await Cluster.CountAsync(name).Within());
    }

    [Fact]
    public async Task Retrieve_LeavesOutMissingIds_AndWhatWasNotAskedFor()
    {
        var name = await target.NewCollectionAsync("retrieve", 2, Distance.Dot);
        await Cluster.UpsertAsync(name, [new PointRecord("1", [1f, 0f], new JsonObject { ["a"] = 1 })]).Within();

        var read = Assert.Single(await Cluster.RetrieveAsync(name, ["1", "2", Uuid], withPayload: false, withVectors: false).Within());

        Assert.Equal("1", read.Id);
        Assert.Empty(read.Vector);
        Assert.Null(read.Payload);
    }

    [Fact]
    public async Task DeleteById_RemovesOnlyThosePoints()
    {
        var name = await target.NewCollectionAsync("delete_ids", 2, Distance.Dot);
        await Cluster.UpsertAsync(name, TestVectors.Points(TestVectors.Random(1, 10, 2))).Within();

        await Cluster.DeleteAsync(name, ["2", "4", "999"]).Within();

        Assert.Equal(8, await Cluster.CountAsync(name).Within());
        Assert.Empty(await Cluster.RetrieveAsync(name, ["2", "4"]).Within());
    }

    [Fact]
    public async Task DeleteByFilter_RemovesTheMatchingPoints()
    {
        var name = await target.NewCollectionAsync("delete_filter", 2, Distance.Dot);
        var points = Enumerable.Range(1, 10).Select(i => new PointRecord($"{i}", [i, 1f], new JsonObject { ["even"] = i % 2 == 0 })).ToList();
        await Cluster.UpsertAsync(name, points).Within();

        await Cluster.DeleteByFilterAsync(name, Filter.All(Condition.Match("even", true))).Within();

        var left = await Cluster.ScrollAsync(name, new ScrollRequest(100)).Within();
        Assert.Equal(["1", "3", "5", "7", "9"], left.Points.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ScrollPages_VisitEveryPointExactlyOnce()
    {
        var name = await target.NewCollectionAsync("scroll", 3, Distance.Dot);
        var points = TestVectors.Points(TestVectors.Random(2, 95, 3))
            .Concat(Enumerable.Range(0, 8).Select(i => new PointRecord(Guid.NewGuid().ToString(), [i, 1f, 2f])))
            .ToList();
        await Cluster.UpsertAsync(name, points).Within();

        var seen = new List<string>();
        string? offset = null;
        var pages = 0;
        do
        {
            var page = await Cluster.ScrollAsync(name, new ScrollRequest(10, offset)).Within();
            Assert.InRange(page.Points.Count, 1, 10);
            seen.AddRange(page.Points.Select(p => p.Id));
            offset = page.NextOffset;
            Assert.True(++pages <= 20, "scroll did not end");
        }
        while (offset is not null);

        Assert.Equal(points.Select(p => p.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ScrollWithFilter_PagesOnlyTheMatchingPoints()
    {
        var name = await target.NewCollectionAsync("scroll_filter", 2, Distance.Dot);
        await Cluster.UpsertAsync(name, Enumerable.Range(1, 30).Select(i => new PointRecord($"{i}", [i, 0f], new JsonObject { ["n"] = i })).ToList()).Within();

        var first = await Cluster.ScrollAsync(name, new ScrollRequest(4, Filter: Filter.All(Condition.Range("n", gt: 20)))).Within();
        var rest = await Cluster.ScrollAsync(name, new ScrollRequest(100, first.NextOffset, Filter.All(Condition.Range("n", gt: 20)))).Within();

        Assert.Equal(4, first.Points.Count);
        Assert.Null(rest.NextOffset);
        Assert.Equal(Enumerable.Range(21, 10).Select(i => $"{i}"), first.Points.Concat(rest.Points).Select(p => p.Id).OrderBy(int.Parse));
    }

    [Fact]
    public async Task Count_IsExact_WithAndWithoutFilter()
    {
        var name = await target.NewCollectionAsync("count", 2, Distance.Dot);
        await Cluster.UpsertAsync(name, Enumerable.Range(1, 600).Select(i => new PointRecord($"{i}", [i, 1f], new JsonObject { ["bucket"] = i % 3 })).ToList()).Within();

        Assert.Equal(600, await Cluster.CountAsync(name).Within());
        Assert.Equal(200, await Cluster.CountAsync(name, Filter.All(Condition.Match("bucket", 0L))).Within());
        Assert.Equal(400, await Cluster.CountAsync(name, Filter.None(Condition.Match("bucket", 0L))).Within());
    }
}
