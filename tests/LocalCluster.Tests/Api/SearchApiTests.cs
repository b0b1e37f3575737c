using System.Net;
using System.Text.Json;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>Search, search/batch and query over HTTP, in Qdrant's shapes.</summary>
public sealed class SearchApiTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    // Qdrant's own documentation example: six points, Dot distance.
    private const string Example = """
        {"points":[{"id":1,"vector":[0.05,0.61,0.76,0.74],"payload":{"city":"Berlin"}},
                   {"id":2,"vector":[0.19,0.81,0.75,0.11],"payload":{"city":["Berlin","London"]}},
                   {"id":3,"vector":[0.36,0.55,0.47,0.94],"payload":{"city":["Berlin","Moscow"]}},
                   {"id":4,"vector":[0.18,0.01,0.85,0.80],"payload":{"city":["London","Moscow"]}},
                   {"id":5,"vector":[0.24,0.18,0.22,0.44],"payload":{"count":[0]}},
                   {"id":6,"vector":[0.35,0.08,0.11,0.44]}]}
        """;

    [Fact]
    public async Task Search_ReproducesQdrantsDocumentedExample()
    {
        var name = await ExampleCollectionAsync();

        var plain = (await fixture.Http.PostAsync($"/collections/{name}/points/search", """{"vector":[0.2,0.1,0.9,0.7],"limit":3}""")).Result;
        var filtered = (await fixture.Http.PostAsync($"/collections/{name}/points/search",
            """{"vector":[0.2,0.1,0.9,0.7],"limit":3,"filter":{"should":[{"key":"city","match":{"value":"London"}}]}}""")).Result;

        Assert.Equal([4, 1, 3], plain.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal([1.362f, 1.273f, 1.208f], plain.EnumerateArray().Select(p => MathF.Round(p.GetProperty("score").GetSingle(), 3)));
        Assert.False(plain[0].TryGetProperty("payload", out _));
        Assert.Equal(0, plain[0].GetProperty("version").GetInt32());
        Assert.Equal([4, 2], filtered.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal(0.871f, MathF.Round(filtered[1].GetProperty("score").GetSingle(), 3));
    }

    [Fact]
    public async Task Search_HonoursOffsetThresholdAndSelectors()
    {
        var name = await ExampleCollectionAsync();

        var page = (await fixture.Http.PostAsync($"/collections/{name}/points/search",
            """{"vector":[0.2,0.1,0.9,0.7],"limit":2,"offset":1,"with_payload":true,"with_vector":true,"params":{"hnsw_ef":128,"exact":false}}""")).Result;
        var above = (await fixture.Http.PostAsync($"/collections/{name}/points/search",
            """{"vector":[0.2,0.1,0.9,0.7],"limit":10,"score_threshold":1.2}""")).Result;

        Assert.Equal([1, 3], page.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal("Berlin", page[0].GetProperty("payload").GetProperty("city").GetString());
        Assert.Equal(4, page[0].GetProperty("vector").GetArrayLength());
        Assert.Equal([4, 1, 3], above.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task SearchBatch_AnswersEachSearchInOrder()
    {
        var name = await ExampleCollectionAsync();

        var results = (await fixture.Http.PostAsync($"/collections/{name}/points/search/batch", """
            {"searches":[{"vector":[0.2,0.1,0.9,0.7],"limit":1},{"vector":[0.2,0.1,0.9,0.7],"limit":2,"filter":{"must_not":[{"has_id":[4,1]}]}}]}
            """)).Result;

        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal([4], results[0].EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal([3, 2], results[1].EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
    }

    [Theory]
    [InlineData("""{"query":[0.2,0.1,0.9,0.7],"limit":2}""", new[] { 4, 1 })]
    [InlineData("""{"query":{"nearest":[0.2,0.1,0.9,0.7]},"limit":2}""", new[] { 4, 1 })]
    [InlineData("""{"query":4,"limit":2,"filter":{"must_not":[{"has_id":[4]}]}}""", new[] { 1, 3 })]
    [InlineData("""{"limit":3,"offset":1}""", new[] { 2, 3, 4 })]
    public async Task Query_CoversNearestByVectorById_AndIdOrderWithoutAQuery(string body, int[] expected)
    {
        var name = await ExampleCollectionAsync();

        var result = (await fixture.Http.PostAsync($"/collections/{name}/points/query", body)).Result;

        Assert.Equal(expected, result.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task QueryBatch_AndUnsupportedQueries()
    {
        var name = await ExampleCollectionAsync();

        var batch = (await fixture.Http.PostAsync($"/collections/{name}/points/query/batch",
            """{"searches":[{"query":[0.2,0.1,0.9,0.7],"limit":1},{"query":[0.2,0.1,0.9,0.7],"limit":1,"with_payload":true}]}""")).Result;
        var fusion = await fixture.Http.PostAsync($"/collections/{name}/points/query", """{"query":{"fusion":"rrf"},"prefetch":[{"query":[1,0,0,0]}]}""");

        Assert.Equal(2, batch.GetArrayLength());
        Assert.Equal(4, batch[1].GetProperty("points")[0].GetProperty("id").GetInt32());
        Assert.True(batch[1].GetProperty("points")[0].TryGetProperty("payload", out _));
        Assert.Equal(HttpStatusCode.BadRequest, fusion.Status);
        Assert.StartsWith("Bad request:", fusion.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CosineCollections_ReturnNormalisedVectors_AndEuclidReturnsDistances()
    {
        var cosine = await fixture.CreateCollectionAsync(size: 2, distance: "Cosine");
        var euclid = await fixture.CreateCollectionAsync(size: 2, distance: "Euclid");
        await fixture.Http.PutAsync($"/collections/{cosine}/points?wait=true", """{"points":[{"id":1,"vector":[3,4]}]}""");
        await fixture.Http.PutAsync($"/collections/{euclid}/points?wait=true", """{"points":[{"id":1,"vector":[3,4]},{"id":2,"vector":[0,1]}]}""");

        var stored = (await fixture.Http.GetAsync($"/collections/{cosine}/points/1")).Result.GetProperty("vector");
        var distances = (await fixture.Http.PostAsync($"/collections/{euclid}/points/search", """{"vector":[0,0],"limit":2}""")).Result;

        Assert.Equal([0.6f, 0.8f], stored.EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal([(2, 1f), (1, 5f)], distances.EnumerateArray().Select(p => (p.GetProperty("id").GetInt32(), p.GetProperty("score").GetSingle())));
    }

    private async Task<string> ExampleCollectionAsync()
    {
        var name = await fixture.CreateCollectionAsync();
        var reply = await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", Example);
        Assert.Equal(JsonValueKind.Object, reply.Result.ValueKind);
        return name;
    }
}
