using System.Net;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>Qdrant's documented error answers become typed exceptions whose messages a person can act on.</summary>
public class ErrorMappingTests
{
    private static readonly SearchRequest AnySearch = new([1f, 0f], 3);

    [Fact]
    public async Task NotFound_BecomesCollectionNotFound_NamingClusterCollectionAndQdrantsWords()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Error(HttpStatusCode.NotFound, "Not found: Collection `books__d1` doesn't exist!"));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<CollectionNotFoundException>(() => cluster.SearchAsync("books__d1", AnySearch).Within());

        Assert.Equal("stub-a", error.Cluster);
        Assert.Equal("books__d1", error.Collection);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("Not found: Collection `books__d1` doesn't exist!", error.ServerError);
        Assert.StartsWith("Cluster 'stub-a' (http://127.0.0.1:6333/), search on collection 'books__d1': not found (HTTP 404: \"Not found: Collection `books__d1` doesn't exist!\").", error.Message, StringComparison.Ordinal);
        Assert.Contains("create the collection first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflict_BecomesCollectionAlreadyExists()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Error(HttpStatusCode.Conflict, "Wrong input: Collection `c` already exists!"));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<CollectionAlreadyExistsException>(() => cluster.CreateCollectionAsync(new CollectionSpec("c", 4, Distance.Dot)).Within());

        Assert.Contains("create collection on collection 'c': the name is taken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Wrong input: Collection `c` already exists!", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "Wrong input: Vector dimension error: expected dim: 4, got 2")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]")]
    public async Task BadInput_BecomesInvalidRequest_AndIsNotRetried(HttpStatusCode status, string qdrantError)
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Error(status, qdrantError));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => cluster.SearchAsync("c", AnySearch).Within());

        Assert.Contains(qdrantError, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Unauthorized_WithKey_SaysWhichVariableToCheck_AndNeverShowsTheKey()
    {
        // Qdrant's auth middleware answers with a plain-text body, not the JSON envelope.
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Text(HttpStatusCode.Unauthorized, "Invalid API key or JWT"));
        using var cluster = StubCluster.Create(handler, apiKey: "hunter2");

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => cluster.ListCollectionsAsync().Within());

        Assert.Contains("rejected the API key (HTTP 401: \"Invalid API key or JWT\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("CLUSTERS__STUB_A__API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_WithoutKey_SaysOneIsNeeded()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Text(HttpStatusCode.Unauthorized, "Must provide an API key or an Authorization bearer token"));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => cluster.ListCollectionsAsync().Within());

        Assert.Contains("requires an API key and none is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_BecomesAuthenticationError()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Text(HttpStatusCode.Forbidden, "Forbidden: Write access is required"));
        using var cluster = StubCluster.Create(handler, apiKey: "read-only");

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => cluster.DeleteAsync("c", ["1"]).Within());

        Assert.Contains("may not do this", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task InternalError_BecomesServerError_AndIsNotRetried()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Error(HttpStatusCode.InternalServerError, "Service internal error: disk I/O"));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<ClusterServerException>(() => cluster.CountAsync("c").Within());

        Assert.Contains("Service internal error: disk I/O", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster's logs", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task InsufficientStorage_SaysToFreeSpaceOrMove()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Error(HttpStatusCode.InsufficientStorage, "Insufficient storage: quota reached"));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<ClusterServerException>(() => cluster.UpsertAsync("c", [new PointRecord("1", [1f])]).Within());

        Assert.Contains("out of storage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_BecomesUnavailable_AfterRetries()
    {
        var handler = new StubQdrantHandler().Refuse();
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => cluster.CountAsync("c").Within());

        Assert.Contains("could not be reached (Connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("CLUSTERS__STUB_A__URL", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.Equal(1 + StubCluster.FastRetry.MaxRetries, handler.Requests.Count);
    }

    [Fact]
    public async Task HungCluster_BecomesTimeout_NamingTheBudget()
    {
        var handler = new StubQdrantHandler().Hang();
        using var cluster = StubCluster.Create(handler, timeout: TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<ClusterTimeoutException>(() => cluster.CreateCollectionAsync(new CollectionSpec("c", 4, Distance.Dot)).Within());

        Assert.Contains("no answer within 50 ms", error.Message, StringComparison.Ordinal);
        Assert.Contains("timeout_ms", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CallerCancellation_IsNotDisguisedAsATimeout()
    {
        var handler = new StubQdrantHandler().Hang();
        using var cluster = StubCluster.Create(handler);
        using var cancel = new CancellationTokenSource();

        var call = cluster.CountAsync("c", null, cancel.Token);
        await handler.WaitForRequestsAsync(1).Within();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Within());
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task WaitTimeout_IsReportedAsTimeout()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Ok("""{"operation_id":5,"status":"wait_timeout"}"""));
        using var cluster = StubCluster.Create(handler, retry: new() { MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<ClusterTimeoutException>(() => cluster.UpsertAsync("c", [new PointRecord("1", [1f])]).Within());

        Assert.Contains("wait_timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerOutsideTheDocumentedShape_BecomesServerError()
    {
        var handler = new StubQdrantHandler().Answer(() => QdrantAnswers.Json(HttpStatusCode.OK, "<html>proxy login</html>"));
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<ClusterServerException>(() => cluster.ListCollectionsAsync().Within());

        Assert.Contains("does not match Qdrant's documented REST API", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPointId_IsRejectedBeforeSending()
    {
        var handler = new StubQdrantHandler();
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => cluster.UpsertAsync("c", [new PointRecord("abc", [1f])]).Within());

        Assert.Equal("Cluster 'stub-a' (http://127.0.0.1:6333/), upsert on collection 'c': point id 'abc' is neither an unsigned 64-bit integer in decimal (\"42\") nor a hyphenated UUID (\"550e8400-e29b-41d4-a716-446655440000\"). The request was not sent.", error.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task NonFiniteVector_IsRejectedBeforeSending()
    {
        var handler = new StubQdrantHandler();
        using var cluster = StubCluster.Create(handler);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => cluster.SearchAsync("c", new SearchRequest([1f, float.NaN], 1)).Within());

        Assert.Contains("non-finite value (NaN) at index 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
