using System.Net;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>Each operation goes to the endpoint and with the body that Qdrant's OpenAPI document gives it.</summary>
public class RequestShapeTests
{
    [Fact]
    public async Task ApiKey_IsSentInTheApiKeyHeader()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("""{"collections":[{"name":"a"}]}"""));
        using var cluster = StubCluster.Create(handler, apiKey: "k-123");

        Assert.Equal(["a"], await cluster.ListCollectionsAsync().Within());

        Assert.Equal("k-123", Assert.Single(handler.Requests).ApiKey);
    }

    [Fact]
    public async Task NoApiKey_SendsNoHeader()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("""{"collections":[]}"""));
        using var cluster = StubCluster.Create(handler);

        await cluster.ListCollectionsAsync().Within();

        Assert.Null(Assert.Single(handler.Requests).ApiKey);
    }

    [Fact]
    public async Task Upsert_PutsPointsWithWait_InBatches()
    {
        var handler = new StubQdrantHandler().Answer(QdrantAnswers.Completed);
        using var cluster = StubCluster.Create(handler);
        var points = Enumerable.Range(0, 300).Select(i => new PointRecord(i.ToString(System.Globalization.CultureInfo.InvariantCulture), [i, 1f])).ToList();

        await cluster.UpsertAsync("books__d1", points).Within();

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal((HttpMethod.Put, "/collections/books__d1/points?wait=true"), (r.Method, r.PathAndQuery)));
        Assert.StartsWith("""{"points":[{"id":0,"vector":[0,1]}""", handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_WithoutWait_SaysSo()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("""{"operation_id":1,"status":"acknowledged"}"""));
        using var cluster = StubCluster.Create(handler);

        await cluster.UpsertAsync("c", [new PointRecord("1", [1f])], wait: false).Within();

        Assert.Equal("/collections/c/points?wait=false", Assert.Single(handler.Requests).PathAndQuery);
    }

    [Fact]
    public async Task DeleteByFilter_PostsAFilterSelector()
    {
        var handler = new StubQdrantHandler().Answer(QdrantAnswers.Completed);
        using var cluster = StubCluster.Create(handler);

        await cluster.DeleteByFilterAsync("c", Filter.All(Condition.Match("k", "v"))).Within();

        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Post, "/collections/c/points/delete?wait=true"), (request.Method, request.PathAndQuery));
        Assert.Equal("""{"filter":{"must":[{"key":"k","match":{"value":"v"}}]}}""", request.Body);
    }

    [Fact]
    public async Task Count_IsAlwaysExact()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("""{"count":7}"""));
        using var cluster = StubCluster.Create(handler);

        Assert.Equal(7, await cluster.CountAsync("c").Within());

        Assert.Equal("""{"exact":true}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Scroll_SendsOffsetAsTheIdsJsonType_AndReturnsTheNextOffset()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("""{"points":[{"id":5,"payload":{"a":1}},{"id":"550e8400-e29b-41d4-a716-446655440000","payload":null}],"next_page_offset":"650e8400-e29b-41d4-a716-446655440000"}"""));
        using var cluster = StubCluster.Create(handler);

        var page = await cluster.ScrollAsync("c", new ScrollRequest(2, Offset: "5")).Within();

        Assert.Equal("""{"offset":5,"limit":2,"with_payload":true,"with_vector":false}""", Assert.Single(handler.Requests).Body);
        Assert.Equal(["5", "550e8400-e29b-41d4-a716-446655440000"], page.Points.Select(p => p.Id));
        Assert.Equal("650e8400-e29b-41d4-a716-446655440000", page.NextOffset);
        Assert.Empty(page.Points[0].Vector);
    }

    [Fact]
    public async Task SearchBatch_PostsSearchesAndKeepsTheirOrder()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("""[[{"id":1,"version":0,"score":0.9}],[{"id":2,"version":0,"score":0.5},{"id":3,"version":0,"score":0.4}]]"""));
        using var cluster = StubCluster.Create(handler);

        var results = await cluster.SearchBatchAsync("c", [new SearchRequest([1f], 1), new SearchRequest([2f], 2)]).Within();

        Assert.Equal("/collections/c/points/search/batch", Assert.Single(handler.Requests).PathAndQuery);
        Assert.Equal(["1"], results[0].Select(p => p.Id));
        Assert.Equal(["2", "3"], results[1].Select(p => p.Id));
    }

    [Fact]
    public async Task SnapshotSource_IsTheDocumentedDownloadUrl_AndRecoverSendsItWithChecksumAndKey()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("true"));
        using var source = StubCluster.Create(new StubQdrantHandler(), apiKey: "source-key");
        using var target = StubCluster.Create(handler, apiKey: "target-key");

        var location = source.GetSnapshotSource("books__d1", new SnapshotInfo("books__d1-1-2026.snapshot", null, 10, "abc"));
        await target.RecoverSnapshotAsync("books__d1", location).Within();

        Assert.Equal(new Uri("http://127.0.0.1:6333/collections/books__d1/snapshots/books__d1-1-2026.snapshot"), location.Location);
        Assert.DoesNotContain("source-key", location.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Put, "/collections/books__d1/snapshots/recover?wait=true", "target-key"), (request.Method, request.PathAndQuery, request.ApiKey));
        Assert.Equal("""{"location":"http://127.0.0.1:6333/collections/books__d1/snapshots/books__d1-1-2026.snapshot","checksum":"abc","api_key":"source-key"}""", request.Body);
    }

    [Fact]
    public async Task DropOfAMissingCollection_ReturnsFalse()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("false"));
        using var cluster = StubCluster.Create(handler);

        Assert.False(await cluster.DropCollectionAsync("gone").Within());
        Assert.Equal((HttpMethod.Delete, "/collections/gone"), (handler.Requests[0].Method, handler.Requests[0].PathAndQuery));
    }

    [Fact]
    public async Task Health_ProvesTheKeyThenReadsVersionAndReadiness()
    {
        var handler = new StubQdrantHandler()
            .Answer(() => QdrantAnswers.Ok("""{"collections":[]}"""))
            .Answer(() => QdrantAnswers.Json(HttpStatusCode.OK, """{"title":"qdrant - vector search engine","version":"1.12.4","commit":"abc"}"""))
            .Answer(() => QdrantAnswers.Text(HttpStatusCode.OK, "all shards are ready"));
        using var cluster = StubCluster.Create(handler);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal((HealthState.Healthy, "1.12.4", null), (health.State, health.ServerVersion, health.Problem));
        Assert.Equal(["/collections", "/", "/readyz"], handler.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Health_NotReady_IsDegraded()
    {
        var handler = new StubQdrantHandler()
            .Answer(() => QdrantAnswers.Ok("""{"collections":[]}"""))
            .Answer(() => QdrantAnswers.Json(HttpStatusCode.OK, """{"title":"qdrant","version":"1.12.4"}"""))
            .Answer(() => QdrantAnswers.Text(HttpStatusCode.ServiceUnavailable, "some shards are not ready"));
        using var cluster = StubCluster.Create(handler);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        Assert.Contains("not ready", health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_RejectedKey_IsDown()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Text(HttpStatusCode.Unauthorized, "Invalid API key or JWT"));
        using var cluster = StubCluster.Create(handler, apiKey: "old-key");

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Down, health.State);
        Assert.Contains("rejected the API key", health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Unreachable_IsDownWithoutThrowing()
    {
        var handler = new StubQdrantHandler().Refuse();
        using var cluster = StubCluster.Create(handler);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal((HealthState.Down, TimeSpan.Zero), (health.State, health.Latency));
        Assert.Contains("could not be reached", health.Problem, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }
}
