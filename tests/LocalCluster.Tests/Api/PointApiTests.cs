using System.Net;
using System.Text.Json;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>Points over HTTP: both upsert forms, both id forms, retrieve, scroll, count, delete, payload edits.</summary>
public sealed class PointApiTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const string Uuid = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";

    [Fact]
    public async Task ListAndBatchUpserts_StoreIntegerAndUuidIds()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);

        var list = await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", $$$"""
            {"points":[{"id":1,"vector":[1,2],"payload":{"a":1}},{"id":"{{{Uuid.ToUpperInvariant()}}}","vector":[3,4]}]}
            """);
        var batch = await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", """
            {"batch":{"ids":[2,3],"vectors":[[5,6],[7,8]],"payloads":[{"b":2},null]}}
            """);
        var retrieved = (await fixture.Http.PostAsync($"/collections/{name}/points", $$$"""{"ids":[3,"{{{Uuid}}}",1,404],"with_vector":true}""")).Result;

        Assert.Equal("completed", list.Result.GetProperty("status").GetString());
        Assert.Equal("completed", batch.Result.GetProperty("status").GetString());
        Assert.True(batch.Result.GetProperty("operation_id").GetUInt64() > list.Result.GetProperty("operation_id").GetUInt64());
        Assert.Equal(["3", Uuid, "1"], retrieved.EnumerateArray().Select(p => p.GetProperty("id").ToString()));
        Assert.Equal(JsonValueKind.Number, retrieved[0].GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.String, retrieved[1].GetProperty("id").ValueKind);
        Assert.Equal("{}", retrieved[0].GetProperty("payload").GetRawText());
        Assert.Equal([7f, 8f], retrieved[0].GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));
    }

    [Fact]
    public async Task WaitFalse_IsAcknowledged_AndStillApplied()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);

        var reply = await fixture.Http.PutAsync($"/collections/{name}/points", """{"points":[{"id":1,"vector":[1,2]}]}""");
        var count = (await fixture.Http.PostAsync($"/collections/{name}/points/count", "{}")).Result.GetProperty("count").GetInt32();

        Assert.Equal("acknowledged", reply.Result.GetProperty("status").GetString());
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task GetPoint_ReturnsPayloadAndVector_Or404()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", $$$"""{"points":[{"id":"{{{Uuid}}}","vector":[0.5,0.25],"payload":{"k":"v"}}]}""");

        var found = (await fixture.Http.GetAsync($"/collections/{name}/points/{Uuid}")).Result;
        var missing = await fixture.Http.GetAsync($"/collections/{name}/points/7");

        Assert.Equal("v", found.GetProperty("payload").GetProperty("k").GetString());
        Assert.Equal([0.5f, 0.25f], found.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Not found: No point with id 7 found", missing.Error);
    }

    [Fact]
    public async Task Scroll_VisitsEveryMatchingPointOnce_InIdOrder()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        var points = string.Join(",", Enumerable.Range(0, 57).Select(i => $$$"""{"id":{{{i * 3}}},"vector":[{{{i}}},1],"payload":{"even":{{{(i % 2 == 0 ? "true" : "false")}}}}}"""));
        await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", $$$"""{"points":[{{{points}}}]}""");

        var seen = new List<int>();
        JsonElement? offset = null;
        do
        {
            var from = offset is { } o ? ",\"offset\":" + o.GetRawText() : "";
            var body = $$$"""{"limit":10,"filter":{"must":[{"key":"even","match":{"value":true}}]}{{{from}}}}""";
            var page = (await fixture.Http.PostAsync($"/collections/{name}/points/scroll", body)).Result;
            seen.AddRange(page.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
            offset = page.GetProperty("next_page_offset") is { ValueKind: not JsonValueKind.Null } next ? next : null;
        }
        while (offset is not null);

        Assert.Equal(Enumerable.Range(0, 57).Where(i => i % 2 == 0).Select(i => i * 3), seen);
    }

    [Fact]
    public async Task CountAndDeleteByFilter_AgreeOnWhichPointsMatch()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", """
            {"points":[{"id":1,"vector":[1,0],"payload":{"g":"a"}},{"id":2,"vector":[0,1],"payload":{"g":"b"}},{"id":3,"vector":[1,1],"payload":{"g":"a"}}]}
            """);

        var counted = (await fixture.Http.PostAsync($"/collections/{name}/points/count", """{"filter":{"must":[{"key":"g","match":{"value":"a"}}]},"exact":true}""")).Result;
        var deleted = await fixture.Http.PostAsync($"/collections/{name}/points/delete?wait=true", """{"filter":{"must":[{"key":"g","match":{"value":"a"}}]}}""");
        var deletedById = await fixture.Http.PostAsync($"/collections/{name}/points/delete?wait=true", """{"points":[2, 99]}""");
        var left = (await fixture.Http.PostAsync($"/collections/{name}/points/count", "{}")).Result;

        Assert.Equal(2, counted.GetProperty("count").GetInt32());
        Assert.Equal("completed", deleted.Result.GetProperty("status").GetString());
        Assert.Equal("completed", deletedById.Result.GetProperty("status").GetString());
        Assert.Equal(0, left.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task PayloadEdits_SetMergesOverwriteReplacesDeleteAndClearRemove()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", """{"points":[{"id":1,"vector":[1,0],"payload":{"a":1,"b":2}}]}""");

        await fixture.Http.PostAsync($"/collections/{name}/points/payload?wait=true", """{"payload":{"c":3},"points":[1]}""");
        var merged = await PayloadAsync(name);
        await fixture.Http.PostAsync($"/collections/{name}/points/payload?wait=true", """{"payload":{"x":true},"key":"meta.flags","points":[1]}""");
        var nested = await PayloadAsync(name);
        await fixture.Http.PostAsync($"/collections/{name}/points/payload/delete?wait=true", """{"keys":["a","meta.flags.x"],"points":[1]}""");
        var trimmed = await PayloadAsync(name);
        await fixture.Http.PutAsync($"/collections/{name}/points/payload?wait=true", """{"payload":{"only":"this"},"filter":{"must":[{"has_id":[1]}]}}""");
        var overwritten = await PayloadAsync(name);
        await fixture.Http.PostAsync($"/collections/{name}/points/payload/clear?wait=true", """{"points":[1]}""");
        var cleared = await PayloadAsync(name);

        Assert.Equal("""{"a":1,"b":2,"c":3}""", merged);
        Assert.Equal("""{"a":1,"b":2,"c":3,"meta":{"flags":{"x":true}}}""", nested);
        Assert.Equal("""{"b":2,"c":3,"meta":{"flags":{}}}""", trimmed);
        Assert.Equal("""{"only":"this"}""", overwritten);
        Assert.Equal("{}", cleared);
    }

    [Fact]
    public async Task WithPayload_TakesAListOfKeys_IncludeOrExclude()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        await fixture.Http.PutAsync($"/collections/{name}/points?wait=true", """{"points":[{"id":1,"vector":[1,0],"payload":{"a":1,"b":{"c":2,"d":3}}}]}""");

        async Task<string> Retrieve(string selector) =>
            (await fixture.Http.PostAsync($"/collections/{name}/points", $$$"""{"ids":[1],"with_payload":{{{selector}}}}""")).Result[0].TryGetProperty("payload", out var p) ? p.GetRawText() : "none";

        Assert.Equal("""{"a":1}""", await Retrieve("""["a"]"""));
        Assert.Equal("""{"b":{"c":2}}""", await Retrieve("""{"include":["b.c"]}"""));
        Assert.Equal("""{"b":{"c":2,"d":3}}""", await Retrieve("""{"exclude":["a"]}"""));
        Assert.Equal("none", await Retrieve("false"));
    }

    private async Task<string> PayloadAsync(string name) =>
        (await fixture.Http.GetAsync($"/collections/{name}/points/1")).Result.GetProperty("payload").GetRawText();
}
