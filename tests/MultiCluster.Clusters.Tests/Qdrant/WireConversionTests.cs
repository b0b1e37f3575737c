using System.Text.Json;
using System.Text.Json.Nodes;
using MultiCluster.Clusters.Qdrant.Conversions;
using MultiCluster.Clusters.Qdrant.Wire;
using Xunit;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>The port's records against the JSON shapes of Qdrant's OpenAPI document.</summary>
public class WireConversionTests
{
    private static string Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    [Fact]
    public void NumericIds_AreJsonIntegers_AndUuidsAreJsonStrings()
    {
        var body = new WirePointsSelector { Points = [PointConversions.ToWire("18446744073709551615"), PointConversions.ToWire("550E8400-E29B-41D4-A716-446655440000")] };

        Assert.Equal("""{"points":[18446744073709551615,"550e8400-e29b-41d4-a716-446655440000"]}""", Json(body, QdrantJsonContext.Default.WirePointsSelector));
    }

    [Fact]
    public void PointStruct_CarriesIdVectorAndPayload()
    {
        var point = new PointRecord("7", [0.1f, -2.5f, 3e-8f], new JsonObject { ["tag"] = "a", ["n"] = 3 });

        var json = Json(new WirePointsList { Points = [PointConversions.ToWire(point)] }, QdrantJsonContext.Default.WirePointsList);

        Assert.Equal("""{"points":[{"id":7,"vector":[0.1,-2.5,3E-08],"payload":{"tag":"a","n":3}}]}""", json);
    }

    [Fact]
    public void Filter_UsesEveryDocumentedConditionShape()
    {
        var filter = new Filter(
            Must:
            [
                Condition.Match("color", "red"),
                Condition.Match("count", 3L),
                Condition.Match("done", true),
                Condition.MatchAny("tags[]", MatchSet.Of("a", "b")),
                Condition.MatchExcept("size", MatchSet.Of(1L, 2L)),
                Condition.Range("price", gte: 1.5, lt: 10),
                Condition.HasId("1", "550e8400-e29b-41d4-a716-446655440000"),
            ],
            Should: [Condition.IsEmpty("notes"), Condition.IsNull("meta.author"), Condition.Group(Filter.Any(Condition.Match("a", 1L)))],
            MustNot: [Condition.Nested("parts", Filter.All(Condition.Match("kind", "x")))]);

        var json = Json(FilterConversions.ToWire(filter)!, QdrantJsonContext.Default.WireFilter);

        var expected = """
            {
              "must": [
                {"key": "color", "match": {"value": "red"}},
                {"key": "count", "match": {"value": 3}},
                {"key": "done", "match": {"value": true}},
                {"key": "tags[]", "match": {"any": ["a", "b"]}},
                {"key": "size", "match": {"except": [1, 2]}},
                {"key": "price", "range": {"gte": 1.5, "lt": 10}},
                {"has_id": [1, "550e8400-e29b-41d4-a716-446655440000"]}
              ],
              "should": [
                {"is_empty": {"key": "notes"}},
                {"is_null": {"key": "meta.author"}},
                {"should": [{"key": "a", "match": {"value": 1}}]}
              ],
              "must_not": [
                {"nested": {"key": "parts", "filter": {"must": [{"key": "kind", "match": {"value": "x"}}]}}}
              ]
            }
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json)), json);
    }

    [Fact]
    public void EmptyFilter_IsLeftOutOfTheRequest()
    {
        Assert.Null(FilterConversions.ToWire(new Filter()));
        Assert.Null(FilterConversions.ToWire(null));
    }

    [Fact]
    public void CreateCollection_MapsEveryTuningField()
    {
        var spec = new CollectionSpec("c", 128, Distance.Euclid, HnswM: 32, HnswEfConstruct: 200, OnDisk: true, Quantization: new ScalarQuantization(0.99f, true), ShardNumber: 2, ReplicationFactor: 3);

        Assert.Equal(
            """{"vectors":{"size":128,"distance":"Euclid","on_disk":true},"shard_number":2,"replication_factor":3,"hnsw_config":{"m":32,"ef_construct":200},"quantization_config":{"scalar":{"type":"int8","quantile":0.99,"always_ram":true}}}""",
            Json(CollectionConversions.ToWire(spec), QdrantJsonContext.Default.WireCreateCollection));
    }

    [Fact]
    public void CreateCollection_LeavesUnsetTuningToTheServer()
    {
        Assert.Equal("""{"vectors":{"size":4,"distance":"Cosine"}}""", Json(CollectionConversions.ToWire(new CollectionSpec("c", 4, Distance.Cosine)), QdrantJsonContext.Default.WireCreateCollection));
    }

    [Fact]
    public void SearchRequest_MapsParamsOnlyWhenSet()
    {
        var plain = Json(SearchConversions.ToWire(new SearchRequest([1f, 0f], 5)), QdrantJsonContext.Default.WireSearchRequest);
        var tuned = Json(SearchConversions.ToWire(new SearchRequest([1f], 3, Offset: 2, ScoreThreshold: 0.5f, WithPayload: false, WithVectors: true, HnswEf: 64, Exact: true)), QdrantJsonContext.Default.WireSearchRequest);

        Assert.Equal("""{"vector":[1,0],"limit":5,"with_payload":true,"with_vector":false}""", plain);
        Assert.Equal("""{"vector":[1],"params":{"hnsw_ef":64,"exact":true},"limit":3,"offset":2,"with_payload":false,"with_vector":true,"score_threshold":0.5}""", tuned);
    }

    [Fact]
    public void CollectionInfo_FromQdrantsDocumentedShape()
    {
        // GET /collections/{name} result as Qdrant v1.x returns it (trimmed to the fields that matter).
        const string Body = """
            {"result":{"status":"green","optimizer_status":"ok","indexed_vectors_count":0,"points_count":12,"segments_count":2,
             "config":{"params":{"vectors":{"size":4,"distance":"Dot","on_disk":true},"shard_number":1,"replication_factor":1,"write_consistency_factor":1,"on_disk_payload":true},
                       "hnsw_config":{"m":16,"ef_construct":100,"full_scan_threshold":10000,"max_indexing_threads":0,"on_disk":false},
                       "optimizer_config":{"deleted_threshold":0.2},"wal_config":{"wal_capacity_mb":32,"wal_segments_ahead":0},
                       "quantization_config":{"scalar":{"type":"int8","quantile":0.99,"always_ram":true}}},
             "payload_schema":{}},"status":"ok","time":0.0001}
            """;
        var wire = JsonSerializer.Deserialize(Body, QdrantJsonContext.Default.QdrantResponseWireCollectionInfo)!.Result!;

        var info = CollectionConversions.FromWire("c", wire);

        Assert.Equal(new CollectionSpec("c", 4, Distance.Dot, 16, 100, true, new ScalarQuantization(0.99f, true), 1, 1), info.Spec);
        Assert.Equal(CollectionStatus.Green, info.Status);
        Assert.Equal(12, info.PointsCount);
        Assert.Equal(2, info.SegmentsCount);
    }

    [Fact]
    public void CollectionWithNamedVectors_IsReportedAsUnsupported()
    {
        var wire = JsonSerializer.Deserialize("""{"status":"green","segments_count":1,"config":{"params":{"vectors":{"image":{"size":4,"distance":"Dot"}}},"hnsw_config":{"m":16,"ef_construct":100}}}""", QdrantJsonContext.Default.WireCollectionInfo)!;

        var error = Assert.Throws<UnexpectedResponseException>(() => CollectionConversions.FromWire("c", wire));

        Assert.Contains("one unnamed vector per collection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnedUuids_AreCanonicalized()
    {
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", PointConversions.FromWire(new WirePointId(null, "550E8400-E29B-41D4-A716-446655440000")));
        Assert.Equal("18446744073709551615", PointConversions.FromWire(WirePointId.Of(ulong.MaxValue)));
    }

    [Fact]
    public void SwitchAlias_IsDeleteThenCreateInOneRequest()
    {
        Assert.Equal(
            """{"actions":[{"delete_alias":{"alias_name":"books"}},{"create_alias":{"collection_name":"books_v2","alias_name":"books"}}]}""",
            Json(AdminConversions.Switch("books", "books_v2"), QdrantJsonContext.Default.WireChangeAliases));
    }

    [Fact]
    public void SnapshotCreationTime_IsReadAsUtc()
    {
        var snapshot = AdminConversions.FromWire(new WireSnapshotDescription { Name = "s", CreationTime = "2022-08-04T10:49:10", Size = 10, Checksum = "ab" });

        Assert.Equal(new DateTimeOffset(2022, 8, 4, 10, 49, 10, TimeSpan.Zero), snapshot.CreatedAt);
    }
}
