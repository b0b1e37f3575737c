using System.Net;
using System.Text.Json.Nodes;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>
/// Each operation calls the gRPC method of Qdrant's API that does it, with the message Qdrant documents (read back
/// with Qdrant.Client's own parsers); what Qdrant serves only over REST goes over REST.
/// </summary>
public class RequestShapeTests
{
    private static readonly G.PointsOperationResponse Completed = new() { Result = new G.UpdateResult { OperationId = 1, Status = G.UpdateStatus.Completed } };

    [Fact]
    public async Task ApiKey_IsSentInTheApiKeyMetadata()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.ListCollectionsResponse { Collections = { new G.CollectionDescription { Name = "a" } } });
        using var cluster = StubCluster.Create(grpc, apiKey: "k-123");

        Assert.Equal(["a"], await cluster.ListCollectionsAsync().Within());

        var call = Assert.Single(grpc.Calls);
        Assert.Equal(("/qdrant.Collections/List", "k-123"), (call.Method, call.ApiKey));
    }

    [Fact]
    public async Task NoApiKey_SendsNoMetadata()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.ListCollectionsResponse());
        using var cluster = StubCluster.Create(grpc);

        await cluster.ListCollectionsAsync().Within();

        Assert.Null(Assert.Single(grpc.Calls).ApiKey);
    }

    [Fact]
    public async Task Upsert_SendsIdsVectorsAndPayloadsWithWait_InBatches()
    {
        var grpc = new StubQdrantGrpc().Reply(Completed);
        using var cluster = StubCluster.Create(grpc);
        var points = Enumerable.Range(0, 300).Select(i => new PointRecord(i.ToString(System.Globalization.CultureInfo.InvariantCulture), [i, 1f])).ToList();
        points[1] = new PointRecord("550E8400-E29B-41D4-A716-446655440000", [1f, 2f], new JsonObject { ["city"] = "Oslo", ["year"] = 2024, ["score"] = 0.5, ["tags"] = new JsonArray("a", "b"), ["meta"] = new JsonObject { ["ok"] = true, ["none"] = null } });

        await cluster.UpsertAsync("books__d1", points).Within();

        Assert.Equal(2, grpc.Calls.Count);
        Assert.All(grpc.Calls, c => Assert.Equal("/qdrant.Points/Upsert", c.Method));
        var first = grpc.Calls[0].As<G.UpsertPoints>();
        Assert.Equal(("books__d1", true, 256), (first.CollectionName, first.Wait, first.Points.Count));
        Assert.Equal(0ul, first.Points[0].Id.Num);
        Assert.Equal([0f, 1f], first.Points[0].Vectors.Vector.Dense.Data);
        var uuid = first.Points[1];
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", uuid.Id.Uuid);
        Assert.Equal("Oslo", uuid.Payload["city"].StringValue);
        Assert.Equal(2024, uuid.Payload["year"].IntegerValue);
        Assert.Equal(0.5, uuid.Payload["score"].DoubleValue);
        Assert.Equal(["a", "b"], uuid.Payload["tags"].ListValue.Values.Select(v => v.StringValue));
        Assert.True(uuid.Payload["meta"].StructValue.Fields["ok"].BoolValue);
        Assert.Equal(G.Value.KindOneofCase.NullValue, uuid.Payload["meta"].StructValue.Fields["none"].KindCase);
        Assert.Equal(44, grpc.Calls[1].As<G.UpsertPoints>().Points.Count);
    }

    [Fact]
    public async Task Upsert_WithoutWait_SaysSo()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.PointsOperationResponse { Result = new G.UpdateResult { Status = G.UpdateStatus.Acknowledged } });
        using var cluster = StubCluster.Create(grpc);

        await cluster.UpsertAsync("c", [new PointRecord("1", [1f])], wait: false).Within();

        Assert.False(Assert.Single(grpc.Calls).As<G.UpsertPoints>().Wait);
    }

    [Fact]
    public async Task DeleteByFilter_SendsEveryConditionShape()
    {
        var grpc = new StubQdrantGrpc().Reply(Completed);
        using var cluster = StubCluster.Create(grpc);
        var filter = new Filter(
            Must: [Condition.Match("city", "Oslo"), Condition.Match("year", 2024L), Condition.Match("ok", true), Condition.Range("price", gte: 1, lt: 9.5)],
            Should: [Condition.MatchAny("tag", MatchSet.Of("a", "b")), Condition.MatchAny("n", MatchSet.Of(1L, 2L)), Condition.HasId("7", "550e8400-e29b-41d4-a716-446655440000")],
            MustNot: [Condition.MatchExcept("lang", MatchSet.Of("de")), Condition.IsEmpty("notes"), Condition.IsNull("owner"), Condition.Nested("authors", Filter.All(Condition.Match("name", "Ann"))), Condition.Group(Filter.Any(Condition.Match("x", 1L)))]);

        await cluster.DeleteByFilterAsync("c", filter).Within();

        var request = Assert.Single(grpc.Calls).As<G.DeletePoints>();
        var sent = request.Points.Filter;
        Assert.Equal("Oslo", sent.Must[0].Field.Match.Keyword);
        Assert.Equal(2024, sent.Must[1].Field.Match.Integer);
        Assert.True(sent.Must[2].Field.Match.Boolean);
        Assert.Equal((true, 1d, true, 9.5, false, false), (sent.Must[3].Field.Range.HasGte, sent.Must[3].Field.Range.Gte, sent.Must[3].Field.Range.HasLt, sent.Must[3].Field.Range.Lt, sent.Must[3].Field.Range.HasGt, sent.Must[3].Field.Range.HasLte));
        Assert.Equal(["a", "b"], sent.Should[0].Field.Match.Keywords.Strings);
        Assert.Equal([1L, 2L], sent.Should[1].Field.Match.Integers.Integers);
        Assert.Equal((7ul, "550e8400-e29b-41d4-a716-446655440000"), (sent.Should[2].HasId.HasId[0].Num, sent.Should[2].HasId.HasId[1].Uuid));
        Assert.Equal(["de"], sent.MustNot[0].Field.Match.ExceptKeywords.Strings);
        Assert.Equal(("notes", "owner"), (sent.MustNot[1].IsEmpty.Key, sent.MustNot[2].IsNull.Key));
        Assert.Equal(("authors", "Ann"), (sent.MustNot[3].Nested.Key, sent.MustNot[3].Nested.Filter.Must[0].Field.Match.Keyword));
        Assert.Equal(1, sent.MustNot[4].Filter.Should[0].Field.Match.Integer);
    }

    [Fact]
    public async Task DeleteByEmptyFilter_StillSendsAFilterSelector()
    {
        var grpc = new StubQdrantGrpc().Reply(Completed);
        using var cluster = StubCluster.Create(grpc);

        await cluster.DeleteByFilterAsync("c", new Filter()).Within();

        Assert.Equal(G.PointsSelector.PointsSelectorOneOfOneofCase.Filter, Assert.Single(grpc.Calls).As<G.DeletePoints>().Points.PointsSelectorOneOfCase);
    }

    [Fact]
    public async Task Count_IsAlwaysExact_AndLeavesAnEmptyFilterOut()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.CountResponse { Result = new G.CountResult { Count = 12 } });
        using var cluster = StubCluster.Create(grpc);

        Assert.Equal(12, await cluster.CountAsync("c", new Filter()).Within());

        var request = Assert.Single(grpc.Calls).As<G.CountPoints>();
        Assert.Equal((true, true, null), (request.HasExact, request.Exact, request.Filter));
    }

    [Fact]
    public async Task Scroll_SendsOffsetAsAPointId_AndReturnsTheNextOffset()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.ScrollResponse
        {
            Result = { new G.RetrievedPoint { Id = new G.PointId { Num = 5 } } },
            NextPageOffset = new G.PointId { Uuid = "550E8400-E29B-41D4-A716-446655440000" },
        });
        using var cluster = StubCluster.Create(grpc);

        var page = await cluster.ScrollAsync("c", new ScrollRequest(2, Offset: "5", WithPayload: false)).Within();

        var request = Assert.Single(grpc.Calls).As<G.ScrollPoints>();
        Assert.Equal((5ul, 2u, false, false), (request.Offset.Num, request.Limit, request.WithPayload.Enable, request.WithVectors.Enable));
        Assert.Equal(["5"], page.Points.Select(p => p.Id));
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", page.NextOffset);
    }

    [Fact]
    public async Task Search_SendsParamsOnlyWhenSet_AndReadsHits()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.SearchResponse
        {
            Result =
            {
                new G.ScoredPoint
                {
                    Id = new G.PointId { Num = 3 },
                    Score = 0.9f,
                    Payload = { ["city"] = new G.Value { StringValue = "Oslo" } },
                    Vectors = new G.VectorsOutput { Vector = new G.VectorOutput { Dense = new G.DenseVector { Data = { 1f, 2f } } } },
                },
            },
        });
        using var cluster = StubCluster.Create(grpc);

        var hits = await cluster.SearchAsync("c", new SearchRequest([1f, 2f], 3, Offset: 2, ScoreThreshold: 0.5f, WithVectors: true, HnswEf: 64, Exact: true)).Within();

        var request = Assert.Single(grpc.Calls).As<G.SearchPoints>();
        Assert.Equal([1f, 2f], request.Vector);
        Assert.Equal((3ul, 2ul, 0.5f, true, true), (request.Limit, request.Offset, request.ScoreThreshold, request.WithPayload.Enable, request.WithVectors.Enable));
        Assert.Equal((64ul, true), (request.Params.HnswEf, request.Params.Exact));
        var hit = Assert.Single(hits);
        Assert.Equal(("3", 0.9f, "Oslo"), (hit.Id, hit.Score, (string?)hit.Payload!["city"]));
        Assert.Equal([1f, 2f], hit.Vector);
    }

    [Fact]
    public async Task SearchWithDefaults_SendsNoParams()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.SearchResponse());
        using var cluster = StubCluster.Create(grpc);

        await cluster.SearchAsync("c", new SearchRequest([1f], 1)).Within();

        var request = Assert.Single(grpc.Calls).As<G.SearchPoints>();
        Assert.Equal((null, false, false), (request.Params, request.HasOffset, request.HasScoreThreshold));
    }

    [Fact]
    public async Task SearchBatch_SendsSearchesAndKeepsTheirOrder()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.SearchBatchResponse
        {
            Result =
            {
                new G.BatchResult { Result = { new G.ScoredPoint { Id = new G.PointId { Num = 1 } } } },
                new G.BatchResult { Result = { new G.ScoredPoint { Id = new G.PointId { Num = 2 } }, new G.ScoredPoint { Id = new G.PointId { Num = 3 } } } },
            },
        });
        using var cluster = StubCluster.Create(grpc);

        var results = await cluster.SearchBatchAsync("c", [new SearchRequest([1f], 1), new SearchRequest([2f], 2)]).Within();

        var request = Assert.Single(grpc.Calls).As<G.SearchBatchPoints>();
        Assert.Equal("c", request.CollectionName);
        Assert.Equal([1f, 2f], request.SearchPoints.Select(s => s.Vector[0]));
        Assert.Equal(["1"], results[0].Select(p => p.Id));
        Assert.Equal(["2", "3"], results[1].Select(p => p.Id));
    }

    [Fact]
    public async Task CreateCollection_SendsEveryTuningField_AndLeavesUnsetOnesToTheServer()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.CollectionOperationResponse { Result = true });
        using var cluster = StubCluster.Create(grpc);

        await cluster.CreateCollectionAsync(new CollectionSpec("tuned", 8, Distance.Euclid, HnswM: 32, HnswEfConstruct: 200, OnDisk: true, Quantization: new ScalarQuantization(0.99f, true), ShardNumber: 2, ReplicationFactor: 3)).Within();
        await cluster.CreateCollectionAsync(new CollectionSpec("plain", 4, Distance.Cosine)).Within();

        var tuned = grpc.Calls[0].As<G.CreateCollection>();
        var vectors = tuned.VectorsConfig.Params;
        Assert.Equal(("tuned", 8ul, G.Distance.Euclid), (tuned.CollectionName, vectors.Size, vectors.Distance));
        Assert.Equal((32ul, 200ul, 2u, 3u), (tuned.HnswConfig.M, tuned.HnswConfig.EfConstruct, tuned.ShardNumber, tuned.ReplicationFactor));
        Assert.Equal((G.QuantizationType.Int8, 0.99f), (tuned.QuantizationConfig.Scalar.Type, tuned.QuantizationConfig.Scalar.Quantile));
        var plain = grpc.Calls[1].As<G.CreateCollection>();
        Assert.Equal((null, false, false, null), (plain.HnswConfig, plain.HasShardNumber, plain.HasReplicationFactor, plain.QuantizationConfig));
    }

    [Fact]
    public async Task Describe_ReadsQdrantsCollectionInfo_VectorSettingsOverridingTheCollections()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.GetCollectionInfoResponse
        {
            Result = new G.CollectionInfo
            {
                Status = G.CollectionStatus.Yellow,
                PointsCount = 10,
                IndexedVectorsCount = 4,
                SegmentsCount = 2,
                Config = new G.CollectionConfig
                {
                    Params = new G.CollectionParams { ShardNumber = 2, ReplicationFactor = 1, VectorsConfig = new G.VectorsConfig { Params = new G.VectorParams { Size = 8, Distance = G.Distance.Dot, HnswConfig = new G.HnswConfigDiff { M = 48 } } } },
                    HnswConfig = new G.HnswConfigDiff { M = 16, EfConstruct = 100 },
                },
            },
        });
        using var cluster = StubCluster.Create(grpc);

        var info = await cluster.DescribeCollectionAsync("c").Within();

        Assert.Equal(new CollectionSpec("c", 8, Distance.Dot, 48, null, false, null, 2, 1, HnswOnDisk: false), info.Spec);
        Assert.Equal((CollectionStatus.Yellow, 10L, 4L, 2), (info.Status, info.PointsCount, info.IndexedVectorsCount, info.SegmentsCount));
    }

    [Fact]
    public async Task CollectionWithNamedVectors_IsReportedAsUnsupported()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.GetCollectionInfoResponse
        {
            Result = new G.CollectionInfo { Config = new G.CollectionConfig { Params = new G.CollectionParams { VectorsConfig = new G.VectorsConfig { ParamsMap = new G.VectorParamsMap() } } } },
        });
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<ClusterServerException>(() => cluster.DescribeCollectionAsync("c").Within());

        Assert.Contains("named vectors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchAlias_IsDeleteThenCreateInOneRequest()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.CollectionOperationResponse { Result = true });
        using var cluster = StubCluster.Create(grpc);

        await cluster.SwitchAliasAsync("books", "books_v2").Within();

        var actions = Assert.Single(grpc.Calls).As<G.ChangeAliases>().Actions;
        Assert.Equal(("books", "books", "books_v2"), (actions[0].DeleteAlias.AliasName, actions[1].CreateAlias.AliasName, actions[1].CreateAlias.CollectionName));
    }

    [Fact]
    public async Task Snapshots_AreCreatedOverGrpc_WithCreationTimeInUtc()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var grpc = new StubQdrantGrpc().Reply(new G.CreateSnapshotResponse
        {
            SnapshotDescription = new G.SnapshotDescription { Name = "s1", Size = 10, Checksum = "abc", CreationTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(created) },
        });
        using var cluster = StubCluster.Create(grpc);

        var snapshot = await cluster.CreateSnapshotAsync("c").Within();

        Assert.Equal(new SnapshotInfo("s1", created, 10, "abc"), snapshot);
        Assert.Equal("/qdrant.Snapshots/Create", Assert.Single(grpc.Calls).Method);
    }

    [Fact]
    public async Task SnapshotSource_IsTheDocumentedDownloadUrl_AndRecoverSendsItOverRestWithChecksumAndKey()
    {
        var rest = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("true"));
        using var source = StubCluster.Create(new StubQdrantGrpc(), apiKey: "source-key");
        using var target = StubCluster.Create(new StubQdrantGrpc(), rest, apiKey: "target-key");

        var location = source.GetSnapshotSource("books__d1", new SnapshotInfo("books__d1-1-2026.snapshot", null, 10, "abc"));
        await target.RecoverSnapshotAsync("books__d1", location).Within();

        Assert.Equal(new Uri("http://127.0.0.1:6333/collections/books__d1/snapshots/books__d1-1-2026.snapshot"), location.Location);
        Assert.DoesNotContain("source-key", location.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(rest.Requests);
        Assert.Equal((HttpMethod.Put, "/collections/books__d1/snapshots/recover?wait=true", "target-key"), (request.Method, request.PathAndQuery, request.ApiKey));
        Assert.Equal("""{"location":"http://127.0.0.1:6333/collections/books__d1/snapshots/books__d1-1-2026.snapshot","checksum":"abc","api_key":"source-key"}""", request.Body);
    }

    [Fact]
    public async Task RecoverRejected_IsMappedFromTheRestAnswer()
    {
        var rest = new StubQdrantHandler().Answer(() => QdrantAnswers.Error(HttpStatusCode.BadRequest, "Bad request: checksum mismatch"));
        using var cluster = StubCluster.Create(new StubQdrantGrpc(), rest);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => cluster.RecoverSnapshotAsync("c", new SnapshotSource(new Uri("http://elsewhere/s"))).Within());

        Assert.Equal((400, "Bad request: checksum mismatch"), (error.StatusCode, error.ServerError));
    }

    [Fact]
    public async Task DropOfAMissingCollection_ReturnsFalse()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.CollectionOperationResponse { Result = false });
        using var cluster = StubCluster.Create(grpc);

        Assert.False(await cluster.DropCollectionAsync("gone").Within());
        Assert.Equal(("/qdrant.Collections/Delete", "gone"), (grpc.Calls[0].Method, grpc.Calls[0].As<G.DeleteCollection>().CollectionName));
    }

    [Fact]
    public async Task Health_ProvesTheKeyOverGrpc_ThenReadsVersion_ThenReadinessOverRest()
    {
        var grpc = MemoryHealthTests.HealthyGrpc();
        var rest = new StubQdrantHandler().Answer(() => QdrantAnswers.Text(HttpStatusCode.OK, "all shards are ready"));
        using var cluster = StubCluster.Create(grpc, rest);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal((HealthState.Healthy, "1.12.4", null), (health.State, health.ServerVersion, health.Problem));
        Assert.Equal(["/qdrant.Collections/List", "/qdrant.Qdrant/HealthCheck"], grpc.Calls.Select(c => c.Method));
        Assert.Equal(["/readyz"], rest.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Health_NotReady_IsDegraded()
    {
        var rest = new StubQdrantHandler().Answer(() => QdrantAnswers.Text(HttpStatusCode.ServiceUnavailable, "some shards are not ready"));
        using var cluster = StubCluster.Create(MemoryHealthTests.HealthyGrpc(), rest);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Degraded, health.State);
        Assert.Contains("not ready", health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_RejectedKey_IsDown()
    {
        var grpc = new StubQdrantGrpc().Fail(7, "Invalid API key or JWT");
        using var cluster = StubCluster.Create(grpc, apiKey: "old-key");

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal(HealthState.Down, health.State);
        Assert.Contains("rejected the API key", health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Unreachable_IsDownWithoutThrowing_AndProbesOnce()
    {
        var grpc = new StubQdrantGrpc().Refuse();
        using var cluster = StubCluster.Create(grpc);

        var health = await cluster.CheckHealthAsync().Within();

        Assert.Equal((HealthState.Down, TimeSpan.Zero), (health.State, health.Latency));
        Assert.Contains("could not be reached", health.Problem, StringComparison.Ordinal);
        Assert.Single(grpc.Calls);
    }
}
