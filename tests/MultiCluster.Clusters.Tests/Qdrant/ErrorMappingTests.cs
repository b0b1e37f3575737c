using System.Net;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Tests.Qdrant;

/// <summary>
/// Qdrant's gRPC statuses (as its gRPC server sends them, words and all) become typed exceptions whose messages a
/// person can act on; failures before any answer become unavailable or timeout; bad input never leaves the process.
/// </summary>
public class ErrorMappingTests
{
    // gRPC status codes (grpc/status.h), as they travel in grpc-status.
    private const int InvalidArgument = 3;
    private const int DeadlineExceeded = 4;
    private const int NotFound = 5;
    private const int AlreadyExists = 6;
    private const int PermissionDenied = 7;
    private const int FailedPrecondition = 9;
    private const int Internal = 13;
    private const int Unauthenticated = 16;

    private static readonly SearchRequest AnySearch = new([1f, 0f], 3);

    [Fact]
    public async Task NotFound_BecomesCollectionNotFound_NamingClusterCollectionAndQdrantsWords()
    {
        var grpc = new StubQdrantGrpc().Fail(NotFound, "Not found: Collection `books__d1` doesn't exist!");
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<CollectionNotFoundException>(() => cluster.SearchAsync("books__d1", AnySearch).Within());

        Assert.Equal(("stub-a", "books__d1", "NotFound", (int?)null), (error.Cluster, error.Collection, error.GrpcStatus, error.StatusCode));
        Assert.Equal("Not found: Collection `books__d1` doesn't exist!", error.ServerError);
        Assert.StartsWith("Cluster 'stub-a' (http://127.0.0.1:6333/), search on collection 'books__d1': not found (gRPC NotFound: \"Not found: Collection `books__d1` doesn't exist!\").", error.Message, StringComparison.Ordinal);
        Assert.Contains("create the collection first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlreadyExists_BecomesCollectionAlreadyExists()
    {
        var grpc = new StubQdrantGrpc().Fail(AlreadyExists, "Wrong input: Collection `c` already exists!");
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<CollectionAlreadyExistsException>(() => cluster.CreateCollectionAsync(new CollectionSpec("c", 4, Distance.Dot)).Within());

        Assert.Contains("create collection on collection 'c': the name is taken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Wrong input: Collection `c` already exists!", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InvalidArgument, "Wrong input: Vector dimension error: expected dim: 4, got 2")]
    [InlineData(FailedPrecondition, "Precondition failed: snapshot checksum mismatch")]
    public async Task BadInput_BecomesInvalidRequest_AndIsNotRetried(int status, string qdrantError)
    {
        var grpc = new StubQdrantGrpc().Fail(status, qdrantError);
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => cluster.SearchAsync("c", AnySearch).Within());

        Assert.Contains(qdrantError, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Single(grpc.Calls);
    }

    [Fact]
    public async Task RejectedKey_SaysWhichVariableToCheck_AndNeverShowsTheKey()
    {
        // Qdrant's gRPC server answers a wrong key with PERMISSION_DENIED in its REST 401 words.
        var grpc = new StubQdrantGrpc().Fail(PermissionDenied, "Invalid API key or JWT");
        using var cluster = StubCluster.Create(grpc, apiKey: "hunter2");

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => cluster.ListCollectionsAsync().Within());

        Assert.Contains("rejected the API key (gRPC PermissionDenied: \"Invalid API key or JWT\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("CLUSTERS__STUB_A__API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PermissionDenied, "Must provide an API key or an Authorization bearer token")]
    [InlineData(Unauthenticated, "missing credentials")]
    public async Task MissingKey_SaysOneIsNeeded(int status, string qdrantError)
    {
        var grpc = new StubQdrantGrpc().Fail(status, qdrantError);
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => cluster.ListCollectionsAsync().Within());

        Assert.Contains("requires an API key and none is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PermissionDenied_ForAnAction_BecomesForbidden_AndIsNotRetried()
    {
        var grpc = new StubQdrantGrpc().Fail(PermissionDenied, "Forbidden: Write access is required");
        using var cluster = StubCluster.Create(grpc, apiKey: "read-only");

        var error = await Assert.ThrowsAsync<ClusterAuthenticationException>(() => cluster.DeleteAsync("c", ["1"]).Within());

        Assert.Contains("may not do this", error.Message, StringComparison.Ordinal);
        Assert.Single(grpc.Calls);
    }

    [Fact]
    public async Task InternalError_BecomesServerError_AndIsNotRetried()
    {
        var grpc = new StubQdrantGrpc().Fail(Internal, "Service internal error: disk I/O");
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<ClusterServerException>(() => cluster.CountAsync("c").Within());

        Assert.Contains("Service internal error: disk I/O", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster's logs", error.Message, StringComparison.Ordinal);
        Assert.Single(grpc.Calls);
    }

    [Fact]
    public async Task ServersOwnDeadline_BecomesTimeout()
    {
        var grpc = new StubQdrantGrpc().Fail(DeadlineExceeded, "Timeout error: Operation 'Search' timed out after 3 seconds");
        using var cluster = StubCluster.Create(grpc, retry: new() { MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<ClusterTimeoutException>(() => cluster.SearchAsync("c", AnySearch).Within());

        Assert.Contains("gave up waiting (gRPC DeadlineExceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_BecomesUnavailable_NamingTheGrpcEndpoint_AfterRetries()
    {
        var grpc = new StubQdrantGrpc().Refuse();
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => cluster.CountAsync("c").Within());

        Assert.Contains("gRPC API could not be reached at http://127.0.0.1:6334/ (Connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("CLUSTERS__STUB_A__GRPC_URL", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.Equal(1 + StubCluster.FastRetry.MaxRetries, grpc.Calls.Count);
    }

    [Fact]
    public async Task HungCluster_BecomesTimeout_NamingTheBudget_AndTheDeadlineIsSent()
    {
        var grpc = new StubQdrantGrpc().Hang();
        using var cluster = StubCluster.Create(grpc, timeout: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<ClusterTimeoutException>(() => cluster.CreateCollectionAsync(new CollectionSpec("c", 4, Distance.Dot)).Within());

        Assert.Contains("within 200 ms", error.Message, StringComparison.Ordinal);
        Assert.Contains("timeout_ms", error.Message, StringComparison.Ordinal);
        var call = Assert.Single(grpc.Calls);
        Assert.NotNull(call.Timeout);
    }

    [Fact]
    public async Task CallerCancellation_IsNotDisguisedAsATimeout()
    {
        var grpc = new StubQdrantGrpc().Hang();
        using var cluster = StubCluster.Create(grpc);
        using var cancel = new CancellationTokenSource();

        var call = cluster.CountAsync("c", null, cancel.Token);
        await Eventually.TrueAsync(() => grpc.Calls.Count == 1, "the call reached the cluster");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Within());
        Assert.Single(grpc.Calls);
    }

    [Fact]
    public async Task WaitTimeout_IsReportedAsTimeout()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.PointsOperationResponse { Result = new G.UpdateResult { OperationId = 5, Status = G.UpdateStatus.WaitTimeout } });
        using var cluster = StubCluster.Create(grpc, retry: new() { MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<ClusterTimeoutException>(() => cluster.UpsertAsync("c", [new PointRecord("1", [1f])]).Within());

        Assert.Contains("wait_timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyWithoutItsResult_BecomesServerError()
    {
        var grpc = new StubQdrantGrpc().Reply(new G.CountResponse());
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<ClusterServerException>(() => cluster.CountAsync("c").Within());

        Assert.Contains("does not fit Qdrant's documented API (a count without a result)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndpointThatIsNotQdrantsGrpc_SaysSo()
    {
        // A plain web server on the gRPC port answers HTTP 404; the gRPC client reports it as UNIMPLEMENTED.
        var grpc = new StubQdrantGrpc().Answer(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Version = HttpVersion.Version20, Content = new StringContent("<html>not here</html>") });
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<ClusterServerException>(() => cluster.ListCollectionsAsync().Within());

        Assert.Contains("http://127.0.0.1:6334/ does not serve this call", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPointId_IsRejectedBeforeSending()
    {
        var grpc = new StubQdrantGrpc();
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => cluster.UpsertAsync("c", [new PointRecord("abc", [1f])]).Within());

        Assert.Equal("Cluster 'stub-a' (http://127.0.0.1:6333/), upsert on collection 'c': point id 'abc' is neither an unsigned 64-bit integer in decimal (\"42\") nor a hyphenated UUID (\"550e8400-e29b-41d4-a716-446655440000\"). The request was not sent.", error.Message);
        Assert.Empty(grpc.Calls);
    }

    [Fact]
    public async Task NonFiniteVector_IsRejectedBeforeSending()
    {
        var grpc = new StubQdrantGrpc();
        using var cluster = StubCluster.Create(grpc);

        var error = await Assert.ThrowsAsync<InvalidClusterRequestException>(() => cluster.SearchAsync("c", new SearchRequest([1f, float.NaN], 1)).Within());

        Assert.Contains("non-finite value (NaN) at index 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(grpc.Calls);
    }
}
