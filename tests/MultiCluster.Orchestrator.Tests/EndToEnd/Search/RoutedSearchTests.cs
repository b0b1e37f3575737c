using System.Globalization;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>Search on a Fashion-MNIST library routed by real Discovery domains and Specialization placements.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class RoutedSearchTests(OrchestratorFixture mesh, ITestOutputHelper output)
{
    private const string Library = "srch-fashion";
    private const int Points = 3000;
    private static readonly SemaphoreSlim Building = new(1, 1);
    private static RoutingTable? _table;

    [Fact]
    public async Task RoutedSearch_FindsWhatBroadcastFinds_AtTheRecallTarget_ProbingFewerDomains()
    {
        var table = await LibraryAsync();
        var queries = FashionImages.Test(200);
        double found = 0;
        double probed = 0;
        foreach (var query in queries)
        {
            var exhaustive = await SearchAsync(query, new RoutingHints { Strategy = RoutingStrategy.Broadcast });
            var routed = await SearchAsync(query, null);
            Assert.False(routed.Partial);
            Assert.All(routed.Points, p => Assert.False(string.IsNullOrEmpty(p.Cluster.Name) || string.IsNullOrEmpty(p.DomainId)));
            found += routed.Points.Select(p => p.Id).Intersect(exhaustive.Points.Select(p => p.Id)).Count() / (double)exhaustive.Points.Count;
            probed += routed.SearchedDomainIds.Count;
        }

        var recall = found / queries.Count;
        var domains = table.Entries.Count(e => e.DomainId != "unassigned");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"routed recall@10 vs broadcast = {recall:0.0000} over {queries.Count} queries, {probed / queries.Count:0.00} of {domains} domains probed on average"));
        Assert.True(recall >= 0.99, $"routed recall@10 {recall:0.0000} is below the 0.99 target");
        Assert.True(probed / queries.Count < domains, "routing probed every domain");
    }

    [Fact]
    public async Task Search_WithExplain_SaysWhereItWent_AndEachPointCarriesItsClusterAndDomain()
    {
        await LibraryAsync();
        var response = await mesh.Client.SearchAsync(new SearchRequest { Library = Library, Vector = { FashionImages.Test(1)[0] }, Limit = 5, Explain = true }).ResponseAsync.Within();

        Assert.Equal(5, response.Points.Count);
        Assert.Equal(RoutingStrategy.Adaptive, response.Routing.Strategy);
        Assert.Equal(response.SearchedDomainIds.Order(), response.Routing.Targets.Select(t => t.DomainId).Distinct().Order());
        Assert.All(response.Points, p => Assert.Contains(p.DomainId, response.SearchedDomainIds));
        Assert.All(response.Routing.Candidates.Where(c => !c.Selected), c => Assert.False(string.IsNullOrEmpty(c.Reason)));
        Assert.True(response.TookMs > 0);
    }

    [Fact]
    public async Task KilledCluster_AnswersPartialNamingIt_TheBreakerOpens_AndClosesWhenItIsBack()
    {
        var table = await LibraryAsync();
        var killed = table.Entries.SelectMany(e => e.ReadClusters.Select(c => c.Name)).Where(c => c != "local-a")
            .GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
        await mesh.Client.SetRoutingStrategyAsync(new SetRoutingStrategyRequest
        {
            Library = Library,
            Settings = new RoutingSettings { CircuitFailureThreshold = 3, CircuitBreakDuration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "circuit_failure_threshold", "circuit_break_duration" } },
        }).ResponseAsync.Within();
        var hints = new RoutingHints { Strategy = RoutingStrategy.Broadcast, Clusters = { new ClusterRef { Name = killed } } };
        var query = FashionImages.Test(1)[0];

        mesh.ClusterProcess(killed).Kill();
        try
        {
            var reasons = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                // Answered, not DEADLINE_EXCEEDED: the search keeps within its 1 s budget though the cluster is gone.
                var partial = await SearchAsync(query, hints, timeoutMs: 1000);
                Assert.True(partial.Partial);
                var failure = Assert.Single(partial.FailedClusters);
                Assert.Equal(killed, failure.Cluster.Name);
                Assert.NotEmpty(failure.DomainIds);
                Assert.True(failure.Code is "UNAVAILABLE" or "DEADLINE_EXCEEDED", failure.Code);
                reasons.Add(failure.Reason);
            }

            Assert.Contains(reasons, r => r.Contains("circuit", StringComparison.Ordinal));
            var open = await mesh.Client.RouteQueryAsync(new RouteQueryRequest { Library = Library, Vector = { query }, Routing = hints }).ResponseAsync.Within();
            Assert.Contains(open.Decision.Targets, t => t.Cluster.Name == killed && t.CircuitState is CircuitState.Open or CircuitState.HalfOpen);
        }
        finally
        {
            await mesh.StartClusterAgainAsync(killed);
        }

        await Eventually.TrueAsync(async () => !(await SearchAsync(query, hints, timeoutMs: 1000)).Partial, $"searches of {killed} to succeed again");
        var closed = await mesh.Client.RouteQueryAsync(new RouteQueryRequest { Library = Library, Vector = { query }, Routing = hints }).ResponseAsync.Within();
        Assert.All(closed.Decision.Targets, t => Assert.Equal(CircuitState.Closed, t.CircuitState));
    }

    private async Task<SearchResponse> SearchAsync(float[] vector, RoutingHints? hints, uint timeoutMs = 0) =>
        await mesh.Client.SearchAsync(
            new SearchRequest { Library = Library, Vector = { vector }, Limit = 10, Routing = hints, TimeoutMs = timeoutMs, Fusion = null },
            deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync.Within();

    private async Task<RoutingTable> LibraryAsync()
    {
        await Building.WaitAsync().Within();
        try
        {
            return _table ??= (await RoutedLibrary.FashionAsync(mesh, Library, Points, domains: 8)).Table;
        }
        finally
        {
            Building.Release();
        }
    }
}
