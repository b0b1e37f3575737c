using System.Net;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>Only calls that are safe to repeat are repeated (see QdrantResiliencePipelines for the reasoning).</summary>
public class RetryPolicyTests
{
    private static HttpResponseMessage Unavailable() => QdrantAnswers.Error(HttpStatusCode.ServiceUnavailable, "Shard temporarily unavailable: restarting");

    public static TheoryData<string> IdempotentCalls => ["describe", "list", "upsert", "delete by id", "retrieve", "scroll", "count", "search", "search batch", "list aliases", "list snapshots"];

    public static TheoryData<string> OneShotCalls => ["create", "drop", "delete by filter", "create alias", "switch alias", "delete alias", "create snapshot", "recover snapshot"];

    [Theory]
    [MemberData(nameof(IdempotentCalls))]
    public async Task IdempotentCall_IsRetriedAfterTransientFailure(string call)
    {
        var handler = new StubQdrantHandler().Answer(Unavailable).Refuse().Answer(req => SuccessFor(call));
        using var cluster = StubCluster.Create(handler);

        await Invoke(cluster, call).Within();

        Assert.Equal(3, handler.Requests.Count);
        Assert.Single(handler.Requests.Select(r => r.Body).Distinct());
    }

    [Theory]
    [MemberData(nameof(OneShotCalls))]
    public async Task CallThatCouldApplyTwice_IsSentOnce(string call)
    {
        var handler = new StubQdrantHandler().Answer(Unavailable).Answer(_ => SuccessFor(call));
        using var cluster = StubCluster.Create(handler);

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => Invoke(cluster, call).Within());

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RateLimit_WithShortRetryAfter_IsRetried()
    {
        var handler = new StubQdrantHandler()
            .Answer(() => WithRetryAfter(QdrantAnswers.Error(HttpStatusCode.TooManyRequests, "Rate limiting exceeded: Read rate limit exceeded"), TimeSpan.Zero))
            .Answer(() => QdrantAnswers.Ok("""{"count":3}"""));
        using var cluster = StubCluster.Create(handler);

        Assert.Equal(3, await cluster.CountAsync("c").Within());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task RateLimit_WithRetryAfterBeyondMaxDelay_IsLeftToTheCaller()
    {
        var handler = new StubQdrantHandler().Answer(() => WithRetryAfter(QdrantAnswers.Error(HttpStatusCode.TooManyRequests, "Rate limiting exceeded"), TimeSpan.FromSeconds(30)));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => cluster.CountAsync("c").Within());

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Contains("asks to wait 30 s", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RetriesStop_AfterMaxRetries()
    {
        var handler = new StubQdrantHandler().Answer(Unavailable);
        using var cluster = StubCluster.Create(handler, retry: StubCluster.FastRetry with { MaxRetries = 2 });

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => cluster.CountAsync("c").Within());

        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task AttemptTimeout_IsRetriedForIdempotentCalls()
    {
        var handler = new StubQdrantHandler().Hang().Answer(() => QdrantAnswers.Ok("""{"count":9}"""));
        using var cluster = StubCluster.Create(handler, timeout: TimeSpan.FromMilliseconds(100));

        Assert.Equal(9, await cluster.CountAsync("c").Within());
        Assert.Equal(2, handler.Requests.Count);
    }

    private static HttpResponseMessage WithRetryAfter(HttpResponseMessage response, TimeSpan after)
    {
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        return response;
    }

    private static Task Invoke(MultiCluster.Clusters.Qdrant.QdrantRestCluster cluster, string call) => call switch
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
        "recover snapshot" => cluster.RecoverSnapshotAsync("c", new SnapshotSource(new Uri("file:///qdrant/snapshots/c/s.snapshot"))),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, null),
    };

    private static HttpResponseMessage SuccessFor(string call) => call switch
    {
        "describe" => QdrantAnswers.Ok("""{"status":"green","segments_count":1,"points_count":0,"config":{"params":{"vectors":{"size":2,"distance":"Dot"}},"hnsw_config":{"m":16,"ef_construct":100}}}"""),
        "list" => QdrantAnswers.Ok("""{"collections":[]}"""),
        "upsert" or "delete by id" or "delete by filter" => QdrantAnswers.Completed(),
        "retrieve" or "search" or "list snapshots" => QdrantAnswers.Ok("[]"),
        "search batch" => QdrantAnswers.Ok("[[]]"),
        "scroll" => QdrantAnswers.Ok("""{"points":[],"next_page_offset":null}"""),
        "count" => QdrantAnswers.Ok("""{"count":0}"""),
        "list aliases" => QdrantAnswers.Ok("""{"aliases":[]}"""),
        "create snapshot" => QdrantAnswers.Ok("""{"name":"s","size":1}"""),
        _ => QdrantAnswers.Ok("true"),
    };
}
