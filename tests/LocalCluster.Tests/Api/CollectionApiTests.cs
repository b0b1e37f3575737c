using System.Net;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>Collections over HTTP: create with tuning, describe (echoing it), exists, list, update, delete.</summary>
public sealed class CollectionApiTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Create_StoresTheTuning_AndDescribeEchoesItInQdrantsShape()
    {
        var reply = await fixture.Http.PutAsync("/collections/tuned", """
            {"vectors":{"size":8,"distance":"Euclid","on_disk":true},"hnsw_config":{"m":32,"ef_construct":256},
             "on_disk_payload":false,"quantization_config":{"scalar":{"type":"int8","quantile":0.99,"always_ram":true}},
             "shard_number":3,"replication_factor":2}
            """);
        var info = (await fixture.Http.GetAsync("/collections/tuned")).Result;

        Assert.True(reply.Result.GetBoolean());
        Assert.Equal("green", info.GetProperty("status").GetString());
        Assert.Equal(0, info.GetProperty("points_count").GetInt32());
        Assert.Equal(1, info.GetProperty("segments_count").GetInt32());
        var config = info.GetProperty("config");
        Assert.Equal(8, config.GetProperty("params").GetProperty("vectors").GetProperty("size").GetInt32());
        Assert.Equal("Euclid", config.GetProperty("params").GetProperty("vectors").GetProperty("distance").GetString());
        Assert.True(config.GetProperty("params").GetProperty("vectors").GetProperty("on_disk").GetBoolean());
        Assert.Equal(3, config.GetProperty("params").GetProperty("shard_number").GetInt32());
        Assert.Equal(2, config.GetProperty("params").GetProperty("replication_factor").GetInt32());
        Assert.False(config.GetProperty("params").GetProperty("on_disk_payload").GetBoolean());
        Assert.Equal(32, config.GetProperty("hnsw_config").GetProperty("m").GetInt32());
        Assert.Equal(256, config.GetProperty("hnsw_config").GetProperty("ef_construct").GetInt32());
        Assert.Equal(0.99, config.GetProperty("quantization_config").GetProperty("scalar").GetProperty("quantile").GetDouble(), 6);
        Assert.Equal(5, config.GetProperty("optimizer_config").GetProperty("flush_interval_sec").GetInt32());
        Assert.Equal(20_000, config.GetProperty("optimizer_config").GetProperty("indexing_threshold").GetInt32());
        Assert.Equal(32, config.GetProperty("wal_config").GetProperty("wal_capacity_mb").GetInt32());
        Assert.Empty(info.GetProperty("payload_schema").EnumerateObject());
    }

    [Fact]
    public async Task Exists_List_AndDelete_ReportWhatIsThere()
    {
        var name = await fixture.CreateCollectionAsync();

        var exists = (await fixture.Http.GetAsync($"/collections/{name}/exists")).Result.GetProperty("exists").GetBoolean();
        var listed = (await fixture.Http.GetAsync("/collections")).Result.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString());
        var deleted = (await fixture.Http.DeleteAsync($"/collections/{name}")).Result.GetBoolean();
        var deletedAgain = (await fixture.Http.DeleteAsync($"/collections/{name}")).Result.GetBoolean();
        var existsAfter = (await fixture.Http.GetAsync($"/collections/{name}/exists")).Result.GetProperty("exists").GetBoolean();
        var describe = await fixture.Http.GetAsync($"/collections/{name}");

        Assert.True(exists);
        Assert.Contains(name, listed);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.False(existsAfter);
        Assert.Equal(HttpStatusCode.NotFound, describe.Status);
        Assert.Equal($"Not found: Collection `{name}` doesn't exist!", describe.Error);
    }

    [Fact]
    public async Task Patch_MergesNewSettings_AndKeepsTheRest()
    {
        var name = await fixture.CreateCollectionAsync();

        var reply = await fixture.Http.PatchAsync($"/collections/{name}", """
            {"optimizers_config":{"indexing_threshold":0},"hnsw_config":{"m":0},"params":{"replication_factor":3},
             "quantization_config":{"scalar":{"type":"int8"}}}
            """);
        var config = (await fixture.Http.GetAsync($"/collections/{name}")).Result.GetProperty("config");

        Assert.True(reply.Result.GetBoolean());
        Assert.Equal(0, config.GetProperty("optimizer_config").GetProperty("indexing_threshold").GetInt32());
        Assert.Equal(0, config.GetProperty("hnsw_config").GetProperty("m").GetInt32());
        Assert.Equal(100, config.GetProperty("hnsw_config").GetProperty("ef_construct").GetInt32());
        Assert.Equal(3, config.GetProperty("params").GetProperty("replication_factor").GetInt32());
        Assert.Equal("int8", config.GetProperty("quantization_config").GetProperty("scalar").GetProperty("type").GetString());
        Assert.Equal(4, config.GetProperty("params").GetProperty("vectors").GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Duplicate_IsAConflict_WithQdrantsMessage()
    {
        var name = await fixture.CreateCollectionAsync();

        var reply = await fixture.Http.PutAsync($"/collections/{name}", """{"vectors":{"size":4,"distance":"Dot"}}""");

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal($"Wrong input: Collection `{name}` already exists!", reply.Error);
    }
}
