using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Search.SearchCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>RouteQuery and PredictOptimalClusters: where a query would go, and why, is where Search then goes.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class RouteQueryTests(OrchestratorFixture mesh)
{
    // Near one blob, and between all three (where more than one domain holds the nearest points).
    private static readonly float[][] Queries = [RoutedLibrary.Blob(0, 3), RoutedLibrary.Blob(1, 4), RoutedLibrary.Blob(2, 5), [1f, 1f, 1f, 0.05f], [1f, 0.9f, 0.1f, 0.05f]];

    [Fact]
    public async Task RouteQuery_NamesDomainsAndClustersWithReasons_AndSearchSearchesExactlyThose()
    {
        var library = await CalibratedAsync();
        foreach (var query in Queries)
        {
            var decision = await mesh.RouteAsync(library.Name, query);
            var search = await mesh.FreshSearchAsync(library.Name, query);

            Assert.Equal(RoutingStrategy.Adaptive, decision.Strategy);
            Assert.Equal(library.Map.Version, decision.DomainMapVersion);
            Assert.Equal(library.Map.Domains.Count, decision.Candidates.Count);
            Assert.All(decision.Candidates, c => Assert.False(string.IsNullOrEmpty(c.Reason), $"candidate {c.DomainId} has no reason"));
            Assert.All(decision.Candidates, c => Assert.InRange(c.Similarity, -1, 1));
            Assert.Equal(library.NearestDomain(query), decision.Candidates[0].DomainId);
            Assert.True(decision.Candidates[0].Selected, "the closest domain is not searched");
            Assert.Equal(Domains(decision.Candidates.Where(c => c.Selected).Select(c => c.DomainId)), Domains(decision.Targets.Select(t => t.DomainId)));
            Assert.All(decision.Targets, t => Assert.False(string.IsNullOrEmpty(t.Cluster.Name) || string.IsNullOrEmpty(t.Reason) || string.IsNullOrEmpty(t.CollectionName)));
            Assert.All(decision.Targets, t => Assert.Contains(library.Entry(t.DomainId).ReadClusters, c => c.Name == t.Cluster.Name));
            Assert.False(search.Partial);
            Assert.Equal(Domains(decision.Targets.Select(t => t.DomainId)), Domains(search.SearchedDomainIds));
        }

        // Which copy adaptive routing reads moves with latency and load between two calls; domain affinity reads primaries.
        foreach (var query in Queries)
        {
            var affinity = new RoutingHints { Strategy = RoutingStrategy.DomainAffinity, ExcludeUnassigned = true };
            var decision = await mesh.RouteAsync(library.Name, query, affinity);
            var search = await mesh.FreshSearchAsync(library.Name, query, r => r.Routing.MergeFrom(affinity));

            Assert.All(decision.Targets, t => Assert.Equal((library.Entry(t.DomainId).Primary.Name, "primary: "), (t.Cluster.Name, t.Reason[..9])));
            var chosen = decision.Targets.Select(t => (t.DomainId, t.Cluster.Name)).ToHashSet();
            Assert.All(search.Points, p => Assert.Contains((p.DomainId, p.Cluster.Name), chosen));
            Assert.Equal(decision.Targets.Select(t => t.Cluster.Name).Distinct().Order(), search.SearchedClusters.Select(c => c.Name).Order());
        }
    }

    [Fact]
    public async Task RouteQuery_WithMaxDomainsOne_SaysWhyTheOthersAreLeftOut()
    {
        var library = await CalibratedAsync();

        var decision = await mesh.RouteAsync(library.Name, [1f, 1f, 1f, 0.05f], new RoutingHints { MaxDomains = 1, ExcludeUnassigned = true });

        Assert.Single(decision.Candidates, c => c.Selected);
        Assert.All(decision.Candidates.Skip(1), c => Assert.Contains("max_domains 1", c.Reason, StringComparison.Ordinal));
        Assert.Equal(decision.Candidates[0].DomainId, Assert.Single(decision.Targets).DomainId);
    }

    [Fact]
    public async Task PredictOptimalClusters_NamesTheClustersSearchWouldSearch_WithTheirDomainsAndShares()
    {
        var library = await CalibratedAsync();
        foreach (var query in Queries)
        {
            var decision = await mesh.RouteAsync(library.Name, query);

            var predicted = await mesh.Client.PredictOptimalClustersAsync(new PredictOptimalClustersRequest { Library = library.Name, Vector = { query }, MaxClusters = 64 }).ResponseAsync.Within();

            Assert.NotEmpty(predicted.Predictions);
            Assert.Equal(decision.Targets.Select(t => t.Cluster.Name).Distinct().Order(), predicted.Predictions.Select(p => p.Cluster.Name).Order());
            foreach (var prediction in predicted.Predictions)
            {
                Assert.Equal(
                    decision.Targets.Where(t => t.Cluster.Name == prediction.Cluster.Name).Select(t => t.DomainId).Distinct().Order(),
                    prediction.DomainIds.Order());
                Assert.InRange(prediction.ExpectedResultShare, 0, 1);
            }

            Assert.Equal(predicted.Predictions.Select(p => p.ExpectedResultShare).OrderDescending(), predicted.Predictions.Select(p => p.ExpectedResultShare));
            Assert.Contains(library.NearestDomain(query), predicted.Predictions[0].DomainIds);
            Assert.InRange(predicted.Predictions.Sum(p => p.ExpectedResultShare), 0, 1 + 1e-9);
            Assert.InRange(predicted.ExpectedRecall, 1e-9, 1);
        }

        var one = await mesh.Client.PredictOptimalClustersAsync(new PredictOptimalClustersRequest { Library = library.Name, Vector = { Queries[3] }, MaxClusters = 1 }).ResponseAsync.Within();
        Assert.Single(one.Predictions);
    }

    [Theory]
    [InlineData("route: unknown library", StatusCode.NotFound, "library:")]
    [InlineData("route: wrong dimension", StatusCode.InvalidArgument, "vector:")]
    [InlineData("route: max_domains out of range", StatusCode.InvalidArgument, "routing.max_domains:")]
    [InlineData("route: unknown domain", StatusCode.NotFound, "routing.domain_ids[0]:")]
    [InlineData("route: unknown cluster", StatusCode.NotFound, "routing.clusters[0].name:")]
    [InlineData("predict: unknown library", StatusCode.NotFound, "library:")]
    [InlineData("predict: wrong dimension", StatusCode.InvalidArgument, "vector:")]
    [InlineData("predict: max_clusters out of range", StatusCode.InvalidArgument, "max_clusters:")]
    public async Task BadRouteOrPrediction_IsRefused_NamingTheField(string bad, StatusCode code, string field)
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "rte-bad");
        var route = new RouteQueryRequest { Library = library.Name, Vector = { RoutedLibrary.Blob(0, 1) }, Routing = new RoutingHints() };
        var predict = new PredictOptimalClustersRequest { Library = library.Name, Vector = { RoutedLibrary.Blob(0, 1) } };
        switch (bad.Split(": ")[1])
        {
            case "unknown library": route.Library = predict.Library = "rte-nobody"; break;
            case "wrong dimension": route.Vector.Add(1f); predict.Vector.Add(1f); break;
            case "max_domains out of range": route.Routing.MaxDomains = 257; break;
            case "unknown domain": route.Routing.DomainIds.Add("no-such-domain"); break;
            case "unknown cluster": route.Routing.Clusters.Add(new ClusterRef { Name = "local-zz" }); break;
            default: predict.MaxClusters = 65; break;
        }

        await (bad.StartsWith("route", StringComparison.Ordinal)
            ? RefusedAsync(() => mesh.Client.RouteQueryAsync(route).ResponseAsync, code, field)
            : RefusedAsync(() => mesh.Client.PredictOptimalClustersAsync(predict).ResponseAsync, code, field));
    }

    private async Task<RoutedLibrary> CalibratedAsync()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "rte-routed");
        await library.CalibratedAsync(mesh, Queries[0]);
        await mesh.NoHedgingAsync(library.Name);
        return library;
    }
}
