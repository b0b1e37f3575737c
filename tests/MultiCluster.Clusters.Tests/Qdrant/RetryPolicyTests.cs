using System.Net;
using Google.Protobuf;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>Only calls that are safe to repeat are repeated (see QdrantResiliencePipelines for the reasoning).</summary>
public class RetryPolicyTests
{
    private const int ResourceExhausted = 8;
    private const int Unavailable = 14;

    public static TheoryData<string> IdempotentCalls => ["describe", "list", "upsert", "delete by id", "retrieve", "scroll", "count", "search", "search batch", "list aliases", "list snapshots"];

    public static TheoryData<string> OneShotCalls => ["create", "drop", "delete by filter", "create alias", "switch alias", "delete alias", "create snapshot"];

    [Theory]
    [MemberData(nameof(IdempotentCalls))]
    public async Task IdempotentCall_IsRetriedAfterTransientFailure_WithTheSameRequest(string call)
    {
        var grpc = new StubQdrantGrpc().Fail(Unavailable, "Service unavailable: shard restarting").Refuse().Reply(SuccessFor(call));
        using var cluster = StubCluster.Create(grpc);

        await Invoke(cluster, call).Within();

        Assert.Equal(3, grpc.Calls.Count);
        Assert.Single(grpc.Calls.Select(c => (c.Method, Convert.ToBase64String(c.Message))).Distinct());
    }

    [Theory]
    [MemberData(nameof(OneShotCalls))]
    public async Task CallThatCouldApplyTwice_IsSentOnce(string call)
    {
        var grpc = new StubQdrantGrpc().Fail(Unavailable, "Service unavailable").Reply(SuccessFor(call));
        using var cluster = StubCluster.Create(grpc);

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => Invoke(cluster, call).Within());

        Assert.Single(grpc.Calls);
    }

    [Fact]
    public async Task RecoverSnapshot_OverRest_IsSentOnce()
    {
        var rest = new StubQdrantHandler().Answer(() => QdrantAnswers.Error(HttpStatusCode.ServiceUnavailable, "restarting")).Answer(() => QdrantAnswers.Ok("true"));
        using var cluster = StubCluster.Create(new StubQdrantGrpc(), rest);

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => cluster.RecoverSnapshotAsync("c", new SnapshotSource(new Uri("file:///qdrant/snapshots/c/s.snapshot"))).Within());

        Assert.Single(rest.Requests);
    }

    [Fact]
    public async Task RateLimit_WithShortRetryAfter_IsRetried()
    {
        var grpc = new StubQdrantGrpc()
            .Fail(ResourceExhausted, "Rate limiting exceeded: Read rate limit exceeded", retryAfterSeconds: "0")
            .Reply(new G.CountResponse { Result = new G.CountResult { Count = 3 } });
        using var cluster = StubCluster.Create(grpc);

        Assert.Equal(3, await cluster.CountAsync("c").Within());
        Assert.Equal(2, grpc.Calls.Count);
    }

    [Fact]
    public async Task RateLimit_WithRetryAfterBeyondMaxDelay_IsLeftToTheCaller()
    {
        var grpc = new StubQdrantGrpc().Fail(ResourceExhausted, "Rate limiting exceeded", retryAfterSeconds: "30");
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => cluster.CountAsync("c").Within());

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Contains("asks to wait 30 s", error.Message, StringComparison.Ordinal);
        Assert.Single(grpc.Calls);
    }

    [Fact]
    public async Task RetriesStop_AfterMaxRetries()
    {
        var grpc = new StubQdrantGrpc().Fail(Unavailable, "Service unavailable");
        using var cluster = StubCluster.Create(grpc, retry: StubCluster.FastRetry with { MaxRetries = 2 });

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => cluster.CountAsync("c").Within());

        Assert.Equal(3, grpc.Calls.Count);
    }

    [Fact]
    public async Task AttemptTimeout_IsRetriedForIdempotentCalls()
    {
        var grpc = new StubQdrantGrpc().Hang().Reply(new G.CountResponse { Result = new G.CountResult { Count = 9 } });
        using var cluster = StubCluster.Create(grpc, timeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal(9, await cluster.CountAsync("c").Within());
        Assert.Equal(2, grpc.Calls.Count);
    }

    private static Task Invoke(MultiCluster.Clusters.Qdrant.QdrantCluster cluster, string call) => call switch
    {
        "describe" => cluster.DescribeCollectionAsync("c"),
        "list" => cluster.ListCollectionsAsync(),
        "upsert" => cluster.UpsertAsync("c", [new PointRecord("1", [1f, 2f])]),
        "delete by id" => cluster.DeleteAsync("c", ["1"]),
        "retrieve" => cluster.RetrieveAsync("c", ["1"]),
        "scroll" => cluster.ScrollAsync("c", new ScrollRequest(10)),
        "count" => cluster.CountAsync("c"),
        "search" => cluster.SearchAsync("c", new SearchRequest([1f, 2f], 1)),
        "search batch" => cluster.SearchBatchAsync("c", [new SearchRequest([1f, 2f], 1)]),
        "list aliases" => cluster.ListAliasesAsync(),
        "list snapshots" => cluster.ListSnapshotsAsync("c"),
        "create" => cluster.CreateCollectionAsync(new CollectionSpec("c", 2, Distance.Dot)),
        "drop" => cluster.DropCollectionAsync("c"),
        "delete by filter" => cluster.DeleteByFilterAsync("c", Filter.All(Condition.Match("k", "v"))),
        "create alias" => cluster.CreateAliasAsync("a", "c"),
        "switch alias" => cluster.SwitchAliasAsync("a", "c"),
        "delete alias" => cluster.DeleteAliasAsync("a"),
        "create snapshot" => cluster.CreateSnapshotAsync("c"),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, null),
    };

    private static IMessage SuccessFor(string call) => call switch
    {
        "describe" => new G.GetCollectionInfoResponse
        {
            Result = new G.CollectionInfo
            {
                Status = G.CollectionStatus.Green,
                Config = new G.CollectionConfig { Params = new G.CollectionParams { VectorsConfig = new G.VectorsConfig { Params = new G.VectorParams { Size = 2, Distance = G.Distance.Dot } } } },
            },
        },
        "list" => new G.ListCollectionsResponse(),
        "upsert" or "delete by id" or "delete by filter" => new G.PointsOperationResponse { Result = new G.UpdateResult { Status = G.UpdateStatus.Completed } },
        "retrieve" => new G.GetResponse(),
        "search" => new G.SearchResponse(),
        "search batch" => new G.SearchBatchResponse { Result = { new G.BatchResult() } },
        "scroll" => new G.ScrollResponse(),
        "count" => new G.CountResponse { Result = new G.CountResult() },
        "list aliases" => new G.ListAliasesResponse(),
        "list snapshots" => new G.ListSnapshotsResponse(),
        "create snapshot" => new G.CreateSnapshotResponse { SnapshotDescription = new G.SnapshotDescription { Name = "s", Size = 1 } },
        _ => new G.CollectionOperationResponse { Result = true },
    };
}
