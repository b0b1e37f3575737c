using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>Search and routing settings on a library before any discovery, and the refusals of bad input.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class SearchBadInputTests(OrchestratorFixture mesh)
{
    private const string Library = "srch-bad";

    [Fact]
    public async Task BeforeAnyDiscovery_SearchReadsUnassignedOnTheDefaultCluster()
    {
        await LibraryAsync();

        var response = await mesh.Client.SearchAsync(new SearchRequest { Library = Library, Vector = { 1f, 0, 0, 0 }, Limit = 2 }).ResponseAsync.Within();

        Assert.Equal(["1", "2"], response.Points.Select(p => p.Id));
        Assert.All(response.Points, p => Assert.Equal(("unassigned", "local-a"), (p.DomainId, p.Cluster.Name)));
        Assert.Equal(["unassigned"], response.SearchedDomainIds);
        Assert.False(response.Partial);
    }

    [Fact]
    public async Task SearchBatch_AnswersInRequestOrder()
    {
        await LibraryAsync();
        var request = new SearchBatchRequest { Library = Library };
        request.Searches.Add(new SearchRequest { Vector = { 0, 0, 1f, 0 }, Limit = 1 });
        request.Searches.Add(new SearchRequest { Vector = { 1f, 0, 0, 0 }, Limit = 1 });

        var response = await mesh.Client.SearchBatchAsync(request).ResponseAsync.Within();

        Assert.Equal(["3", "1"], response.Responses.Select(r => r.Points[0].Id));
    }

    [Fact]
    public async Task SetRoutingStrategy_AppliesTheMaskedFields_AndAnswersWithDefaultsResolved()
    {
        await LibraryAsync();

        var response = await mesh.Client.SetRoutingStrategyAsync(new SetRoutingStrategyRequest
        {
            Library = Library,
            Settings = new RoutingSettings { Strategy = RoutingStrategy.LeastLoaded, MaxDomains = 99 },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "strategy" } },
        }).ResponseAsync.Within();

        Assert.Equal((RoutingStrategy.LeastLoaded, 0u, 1000u, 5u, 0.99), (response.Settings.Strategy, response.Settings.MaxDomains,
            response.Settings.DefaultTimeoutMs, response.Settings.CircuitFailureThreshold, response.Settings.RecallTarget));
    }

    public static TheoryData<string, StatusCode, string> Refusals => new()
    {
        { "wrong dimension", StatusCode.InvalidArgument, "vector: 3 values" },
        { "unknown library", StatusCode.NotFound, "library: no library 'srch-none'" },
        { "limit out of range", StatusCode.InvalidArgument, "limit: 1001 is out of range" },
        { "malformed filter key", StatusCode.InvalidArgument, "filter.must[0].field.key: 'a..b'" },
        { "unknown domain", StatusCode.NotFound, "routing.domain_ids[0]: library 'srch-bad' has no domain 'shoes'" },
        { "offset out of range", StatusCode.InvalidArgument, "offset: 10001" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadSearch_IsRefusedWithTheRightCode_NamingTheField(string bad, StatusCode code, string message)
    {
        await LibraryAsync();
        var request = new SearchRequest { Library = Library, Vector = { 1f, 0, 0, 0 } };
        switch (bad)
        {
            case "wrong dimension": request.Vector.RemoveAt(3); break;
            case "unknown library": request.Library = "srch-none"; break;
            case "limit out of range": request.Limit = 1001; break;
            case "malformed filter key":
                request.Filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "a..b", Match = new MatchCondition { Value = new MatchValue { Keyword = "x" } } } } } };
                break;
            case "unknown domain": request.Routing = new RoutingHints { DomainIds = { "shoes" } }; break;
            default: request.Offset = 10_001; break;
        }

        var status = await StatusOfAsync(mesh.Client.SearchAsync(request));

        Assert.Equal(code, status.StatusCode);
        Assert.StartsWith(message, status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASearchWhoseDeadlineHasPassed_IsDeadlineExceeded()
    {
        await LibraryAsync();

        var status = await StatusOfAsync(mesh.Client.SearchAsync(new SearchRequest { Library = Library, Vector = { 1f, 0, 0, 0 } }, deadline: DateTime.UtcNow.AddSeconds(-1)));

        Assert.Equal(StatusCode.DeadlineExceeded, status.StatusCode);
    }

    [Fact]
    public async Task AnOversizedBatch_IsResourceExhausted_NamingSearches()
    {
        await LibraryAsync();
        var request = new SearchBatchRequest { Library = Library };
        request.Searches.Add(Enumerable.Range(0, 101).Select(_ => new SearchRequest { Vector = { 1f, 0, 0, 0 } }));

        var status = await StatusOfAsync(mesh.Client.SearchBatchAsync(request));

        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        Assert.StartsWith("searches: 101 searches; at most 100", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRoutingStrategy_RefusesAValueOutOfRange_NamingIt()
    {
        await LibraryAsync();

        var status = await StatusOfAsync(mesh.Client.SetRoutingStrategyAsync(new SetRoutingStrategyRequest { Library = Library, Settings = new RoutingSettings { RecallTarget = 0.3 } }));

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith("settings.recall_target: 0.3 is out of range", status.Detail, StringComparison.Ordinal);
    }

    private async Task LibraryAsync()
    {
        await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = Library, Dimension = 4, Distance = Contracts.V1.Distance.Cosine }).ResponseAsync.Within();
        await mesh.Cluster("local-a").UpsertAsync(Clusters.LibraryName.Collection(Library, Clusters.LibraryName.Unassigned),
        [
            new Clusters.PointRecord("1", [1, 0, 0, 0]), new Clusters.PointRecord("2", [0.9f, 0.1f, 0, 0]), new Clusters.PointRecord("3", [0, 0, 1, 0]),
        ]).Within();
    }

    private static async Task<Status> StatusOfAsync<T>(AsyncUnaryCall<T> call) =>
        (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Within())).Status;
}
