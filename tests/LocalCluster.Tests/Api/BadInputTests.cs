using System.Net;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>Every bad request is a 4xx with Qdrant's error body; none crashes the node or writes part of a batch.</summary>
public sealed class BadInputTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Theory]
    [InlineData("""{"points":[{"id":1,"vector":[1,2,3,4]}""", "Format error in JSON body:")]
    [InlineData("""[1,2]""", "Format error in JSON body:")]
    [InlineData("", "Format error in JSON body:")]
    [InlineData("""{"points":[{"id":-1,"vector":[1,2,3,4]}]}""", "Format error in JSON body:")]
    [InlineData("""{"points":[{"id":"not-a-uuid","vector":[1,2,3,4]}]}""", "Format error in JSON body:")]
    [InlineData("""{"points":[{"id":1.5,"vector":[1,2,3,4]}]}""", "Format error in JSON body:")]
    [InlineData("""{"points":[{"id":1,"vector":[1,"2",3,4]}]}""", "Format error in JSON body:")]
    [InlineData("""{"points":[{"id":1,"vector":[1,2,3,1e39]}]}""", "Wrong input:")]
    [InlineData("""{"points":[{"id":1,"vector":[1,2,3,4],"payload":[1]}]}""", "Format error in JSON body:")]
    [InlineData("""{"points":[{"id":1,"vector":{"text":[1,2,3,4]}}]}""", "Bad request:")]
    [InlineData("""{"points":[{"id":1,"vector":[1,2,3,4]},{"id":2,"vector":[1,2,3]}]}""", "Wrong input: Vector dimension error: expected dim: 4, got 3")]
    [InlineData("""{"batch":{"ids":[1,2],"vectors":[[1,2,3,4]]}}""", "Validation error in JSON body:")]
    [InlineData("""{"something":"else"}""", "Format error in JSON body:")]
    public async Task BadUpserts_Are4xx_AndWriteNothing(string body, string error)
    {
        var name = await fixture.CreateCollectionAsync();

        var reply = await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", body);

        Assert.InRange((int)reply.Status, 400, 499);
        Assert.StartsWith(error, reply.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(name));
    }

    [Theory]
    [InlineData("""{"vector":[1,2,3,4],"limit":-1}""", HttpStatusCode.BadRequest, "Format error in JSON body: limit: invalid value: integer `-1`, expected usize")]
    [InlineData("""{"vector":[1,2,3,4],"limit":0}""", HttpStatusCode.UnprocessableEntity, "Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]")]
    [InlineData("""{"vector":[1,2,3,4]}""", HttpStatusCode.BadRequest, "Format error in JSON body: missing field `limit`")]
    [InlineData("""{"limit":3}""", HttpStatusCode.BadRequest, "Format error in JSON body: missing field `vector`")]
    [InlineData("""{"vector":[1,2],"limit":3}""", HttpStatusCode.BadRequest, "Wrong input: Vector dimension error: expected dim: 4, got 2")]
    [InlineData("""{"vector":[1,2,3,4],"limit":3,"offset":-2}""", HttpStatusCode.BadRequest, "Format error in JSON body: offset")]
    [InlineData("""{"vector":[1,2,3,4],"limit":3,"filter":{"must":[{"key":"a","match":{"value":1.5}}]}}""", HttpStatusCode.BadRequest, "Format error in JSON body:")]
    [InlineData("""{"vector":[1,2,3,4],"limit":3,"filter":{"unknown":[]}}""", HttpStatusCode.BadRequest, "Format error in JSON body: filter: unknown field `unknown`")]
    [InlineData("""{"vector":{"name":"image","vector":[1,2,3,4]},"limit":3}""", HttpStatusCode.BadRequest, "Bad request:")]
    public async Task BadSearches_Are4xx_WithQdrantsWording(string body, HttpStatusCode status, string error)
    {
        var name = await fixture.CreateCollectionAsync();

        var reply = await fixture.Http.PostAsync($"/collections/{name}/points/search", body);

        Assert.Equal(status, reply.Status);
        Assert.StartsWith(error, reply.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"vectors":{"size":0,"distance":"Dot"}}""", HttpStatusCode.UnprocessableEntity, "Validation error in JSON body: [vectors.size: value 0 invalid, must be 1 or larger]")]
    [InlineData("""{"vectors":{"size":65537,"distance":"Dot"}}""", HttpStatusCode.UnprocessableEntity, "Validation error in JSON body: [vectors.size: value 65537 invalid, must be 65536 or smaller]")]
    [InlineData("""{"vectors":{"size":4,"distance":"Hamming"}}""", HttpStatusCode.BadRequest, "Format error in JSON body: vectors.distance: unknown variant `Hamming`")]
    [InlineData("""{"vectors":{"image":{"size":4,"distance":"Dot"}}}""", HttpStatusCode.BadRequest, "Bad request:")]
    [InlineData("""{"hnsw_config":{"m":16}}""", HttpStatusCode.BadRequest, "Format error in JSON body: missing field `vectors`")]
    [InlineData("""{"vectors":{"size":4,"distance":"Dot"},"hnsw_config":{"ef_construct":2}}""", HttpStatusCode.UnprocessableEntity, "Validation error in JSON body: [hnsw_config.ef_construct:")]
    [InlineData("""{"vectors":{"size":4,"distance":"Dot"},"quantization_config":"Disabled"}""", HttpStatusCode.BadRequest, "Format error in JSON body: quantization_config: data did not match any variant of untagged enum QuantizationConfig")]
    public async Task BadCollectionSettings_Are4xx_AndCreateNothing(string body, HttpStatusCode status, string error)
    {
        var name = "bad" + Guid.NewGuid().ToString("N")[..8];

        var reply = await fixture.Http.PutAsync($"/collections/{name}", body);

        Assert.Equal(status, reply.Status);
        Assert.StartsWith(error, reply.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"/collections/{name}")).Status);
    }

    [Fact]
    public async Task UnknownCollection_Is404_ForEveryKindOfCall()
    {
        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Get, "/collections/ghost", null),
            (HttpMethod.Put, "/collections/ghost/points", """{"points":[]}"""),
            (HttpMethod.Post, "/collections/ghost/points/search", """{"vector":[1],"limit":1}"""),
            (HttpMethod.Post, "/collections/ghost/points/scroll", "{}"),
            (HttpMethod.Post, "/collections/ghost/points/count", "{}"),
            (HttpMethod.Post, "/collections/ghost/points/delete", """{"points":[1]}"""),
            (HttpMethod.Post, "/collections/ghost/snapshots", null),
        })
        {
            var reply = await fixture.Http.SendAsync(method, path, body);

            Assert.Equal(HttpStatusCode.NotFound, reply.Status);
            Assert.Equal("Not found: Collection `ghost` doesn't exist!", reply.Error);
        }
    }

    [Fact]
    public async Task OversizedBodyAndBatch_AreRejectedWhole()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        var big = $$$"""{"points":[{"id":1,"vector":[1,2],"payload":{"blob":"{{{new string('x', 1_200_000)}}}"}}]}""";
        var ids = string.Join(",", Enumerable.Range(0, 101).Select(i => "{\"id\":" + i + ",\"vector\":[1,2]}"));
        var tooMany = "{\"points\":[" + ids + "]}";

        // Expect: 100-continue lets the node refuse before the body is sent; otherwise the client may still be
        // writing when the 413 closes the connection, and sees a reset instead of the answer.
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/collections/{name}/points?wait=true") { Content = new StringContent(big, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var oversized = await fixture.Http.SendAsync(request);
        var batch = await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", tooMany);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.Status);
        Assert.StartsWith("Payload too large", oversized.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, batch.Status);
        Assert.Contains("exceed the limit of 100", batch.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(name));
    }

    [Theory]
    [InlineData("/collections/bad*name")]
    [InlineData("/collections/bad%3Aname")]
    public async Task UnsafeCollectionNames_AreRejected(string path)
    {
        var reply = await fixture.Http.PutAsync(path, """{"vectors":{"size":4,"distance":"Dot"}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.StartsWith("Validation error in path parameters:", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadWaitFlagOrPointIdInPath_Are400()
    {
        var name = await fixture.CreateCollectionAsync();

        var wait = await fixture.Http.PutAsync($"/collections/{name}/points?wait=maybe", """{"points":[]}""");
        var id = await fixture.Http.GetAsync($"/collections/{name}/points/not-an-id");

        Assert.Equal(HttpStatusCode.BadRequest, wait.Status);
        Assert.StartsWith("Deserialize error in query parameters:", wait.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, id.Status);
    }

    [Fact]
    public async Task AfterEveryRejection_TheNodeStillServes()
    {
        await BadUpserts_Are4xx_AndWriteNothing("{", "Format error in JSON body:");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/collections")).Status);
    }

    private async Task<int> CountAsync(string name) =>
        (await fixture.Http.PostAsync($"/collections/{name}/points/count", "{}")).Result.GetProperty("count").GetInt32();
}
