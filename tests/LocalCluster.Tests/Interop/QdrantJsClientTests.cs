using System.Text.Json;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Interop;

/// <summary>What Qdrant's official JS client (@qdrant/js-client-rest 1.18) got back from a LocalCluster node.</summary>
public sealed class QdrantJsClientTests(QdrantJsClientFixture js) : IClassFixture<QdrantJsClientFixture>
{
    private const string Uuid = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";

    [Fact]
    public void CreateCollection_Succeeds_ADuplicateIs409_AndDescribeEchoesTheTuning()
    {
        Assert.True(js["createCollection"].GetBoolean());
        Assert.Equal(409, js["createDuplicate"].GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("Wrong input: Collection `js_books` already exists!", js["createDuplicate"].GetProperty("error").GetProperty("message").GetString());
        Assert.True(js["collectionExists"].GetProperty("exists").GetBoolean());
        var info = js["getCollection"];
        Assert.Equal("green", info.GetProperty("status").GetString());
        Assert.Equal(7, info.GetProperty("points_count").GetInt32());
        Assert.Equal(32, info.GetProperty("config").GetProperty("hnsw_config").GetProperty("m").GetInt32());
        Assert.Equal(2, info.GetProperty("config").GetProperty("params").GetProperty("shard_number").GetInt32());
        Assert.Equal("Cosine", info.GetProperty("config").GetProperty("params").GetProperty("vectors").GetProperty("distance").GetString());
        Assert.Equal("1.18.0", js["version"].GetProperty("version").GetString());
    }

    [Fact]
    public void Upsert_InListAndBatchForm_IsCompleted()
    {
        Assert.Equal("completed", js["upsert"].GetProperty("status").GetString());
        Assert.Equal("completed", js["upsertBatch"].GetProperty("status").GetString());
        Assert.True(js["upsertBatch"].GetProperty("operation_id").GetInt32() > js["upsert"].GetProperty("operation_id").GetInt32());
    }

    [Fact]
    public void Search_RanksByCosine_AndTheFilterAndPayloadSelectorApply()
    {
        Assert.Equal([1, 2, 7], Ids(js["search"]).Select(int.Parse));
        Assert.Equal(0.99875, js["search"][0].GetProperty("score").GetDouble(), 4);
        Assert.Equal("fantasy", js["search"][0].GetProperty("payload").GetProperty("genre").GetString());
        var filtered = Assert.Single(js["searchWithFilter"].EnumerateArray());
        Assert.Equal(2, filtered.GetProperty("id").GetInt32());
        Assert.Equal("""{"year":1997}""", filtered.GetProperty("payload").GetRawText());
    }

    [Fact]
    public void SearchBatch_AndQuery_AnswerEachRequest()
    {
        Assert.Equal(["3"], Ids(js["searchBatch"][0]));
        Assert.Equal(["6"], Ids(js["searchBatch"][1]));
        Assert.Equal([Uuid, "7"], Ids(js["query"].GetProperty("points")));
        Assert.Equal(1.0, js["query"].GetProperty("points")[0].GetProperty("score").GetDouble(), 5);
    }

    [Fact]
    public void Scroll_PagesThroughEveryPointInIdOrder()
    {
        var first = js["scrollPage1"];
        Assert.Equal(["1", "2", "3", "4"], Ids(first.GetProperty("points")));
        Assert.Equal(6, first.GetProperty("next_page_offset").GetInt32());
        Assert.False(first.GetProperty("points")[0].TryGetProperty("payload", out _));
        Assert.Equal([0.9938837f, 0.11043153f, 0f, 0f], first.GetProperty("points")[1].GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));
        var second = js["scrollPage2"];
        Assert.Equal(["6", "7", Uuid], Ids(second.GetProperty("points")));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_page_offset").ValueKind);
    }

    [Fact]
    public void Count_IsExact_WithAndWithoutAFilterOnANestedKey()
    {
        Assert.Equal(7, js["countAll"].GetProperty("count").GetInt32());
        Assert.Equal(1, js["countFiltered"].GetProperty("count").GetInt32());
    }

    [Fact]
    public void Retrieve_ReturnsFoundPointsWithVectors_AndSetPayloadMerges()
    {
        Assert.Equal(["3", Uuid], Ids(js["retrieve"]));
        Assert.Equal([0f, 0f, 0f, 1f], js["retrieve"][1].GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal("""{"genre":"science","year":1988,"reviewed":true}""", js["setPayload"][0].GetProperty("payload").GetRawText());
    }

    [Fact]
    public void Delete_ByIdsAndByFilter_RemovesExactlyThosePoints()
    {
        Assert.Equal("completed", js["deleteByIds"].GetProperty("update").GetProperty("status").GetString());
        Assert.Equal(6, js["deleteByIds"].GetProperty("count").GetInt32());
        Assert.Equal(4, js["deleteByFilter"].GetProperty("count").GetInt32());
    }

    [Fact]
    public void Aliases_CreateRenameDelete_AndSearchThroughAnAlias()
    {
        Assert.True(js["createAlias"].GetProperty("done").GetBoolean());
        var alias = Assert.Single(js["createAlias"].GetProperty("aliases").GetProperty("aliases").EnumerateArray());
        Assert.Equal("js_books_alias", alias.GetProperty("alias_name").GetString());
        Assert.Equal("js_books", alias.GetProperty("collection_name").GetString());
        Assert.Equal(["4"], Ids(js["searchThroughAlias"]));
        Assert.Equal("js_books_alias2", Assert.Single(js["renameAlias"].GetProperty("aliases").EnumerateArray()).GetProperty("alias_name").GetString());
        Assert.Empty(js["deleteAlias"].GetProperty("aliases").EnumerateArray());
    }

    [Fact]
    public void Snapshots_CreatedAndListed()
    {
        var created = js["createSnapshot"];
        Assert.StartsWith("js_books-", created.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.True(created.GetProperty("size").GetInt64() > 0);
        var listed = Assert.Single(js["listSnapshots"].EnumerateArray());
        Assert.Equal(created.GetProperty("name").GetString(), listed.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("checksum").GetString(), listed.GetProperty("checksum").GetString());
    }

    [Fact]
    public void Errors_ReachTheClientWithQdrantsStatusAndMessage()
    {
        Assert.Equal(404, js["missingCollection"].GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("Not found: Collection `js_books_missing` doesn't exist!", js["missingCollection"].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(400, js["wrongDimension"].GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("Wrong input: Vector dimension error: expected dim: 4, got 3", js["wrongDimension"].GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void DeleteCollection_RemovesIt()
    {
        Assert.True(js["deleteCollection"].GetBoolean());
        Assert.False(js["existsAfterDelete"].GetProperty("exists").GetBoolean());
    }

    private static List<string> Ids(JsonElement points) => [.. points.EnumerateArray().Select(p => p.GetProperty("id").ToString())];
}
