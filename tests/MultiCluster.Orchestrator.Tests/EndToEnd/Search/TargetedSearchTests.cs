using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>ExecuteCrossClusterQuery and OrchestrateDomainSearch on a library routed by the real Discovery and Specialization.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class TargetedSearchTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task CrossClusterQuery_SearchesOnlyTheNamedClusters_WithOneSourceListPerCluster()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "tgt-clusters");
        var holding = library.Domains.SelectMany(e => e.ReadClusters.Select(c => c.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var named in new[] { holding.Take(1).ToList(), holding.Take(2).ToList() })
        {
            var request = new ExecuteCrossClusterQueryRequest { Library = library.Name, Vector = { RoutedLibrary.Blob(0, 1) }, Limit = 20, IncludeSourceResults = true };
            request.Clusters.AddRange(named.Select(c => new ClusterRef { Name = c }));

            var response = await mesh.Client.ExecuteCrossClusterQueryAsync(request).ResponseAsync.Within();

            Assert.False(response.Partial);
            Assert.Equal(named, response.SourceResults.Select(s => s.Source).Order(StringComparer.Ordinal));
            Assert.All(response.SourceResults, s => Assert.Equal(s.Source, s.Cluster.Name));
            Assert.All(response.SourceResults, s => Assert.All(s.Points, p => Assert.Equal(s.Source, p.Cluster.Name)));
            Assert.NotEmpty(response.Points);
            Assert.All(response.Points, p => Assert.Contains(p.Cluster.Name, named));
            Assert.All(response.Points, p => Assert.False(string.IsNullOrEmpty(p.DomainId)));
            Assert.Equal(response.Points.Count, response.Points.Select(p => p.Id).Distinct().Count());
            var listed = response.SourceResults.SelectMany(s => s.Points.Select(p => p.Id)).ToHashSet();
            Assert.All(response.Points, p => Assert.Contains(p.Id, listed));
        }
    }

    [Fact]
    public async Task CrossClusterQuery_ListsANamedClusterHoldingNothingOfTheLibrary_AsAnEmptySourceList()
    {
        await mesh.CreateAsync("tgt-empty", RoutedLibrary.Dimension);
        await mesh.UpsertAsync("tgt-empty", [Point(1, RoutedLibrary.Blob(0, 1)), Point(2, RoutedLibrary.Blob(1, 2))], assignments: false);

        var response = await mesh.Client.ExecuteCrossClusterQueryAsync(new ExecuteCrossClusterQueryRequest
        {
            Library = "tgt-empty",
            Vector = { RoutedLibrary.Blob(0, 1) },
            Limit = 5,
            IncludeSourceResults = true,
            Clusters = { new ClusterRef { Name = "local-b" }, new ClusterRef { Name = "local-a" } },
        }).ResponseAsync.Within();

        Assert.False(response.Partial);
        Assert.Equal(["local-a", "local-b"], response.SourceResults.Select(s => s.Source));
        Assert.Equal(2, response.SourceResults[0].Points.Count);
        var empty = response.SourceResults[1];
        Assert.Equal("local-b", empty.Cluster.Name);
        Assert.Empty(empty.Points);
        Assert.Null(empty.Failure);
        Assert.Equal(2, response.Points.Count);
    }

    [Fact]
    public async Task CrossClusterQuery_OfALibraryWhoseUnassignedCollectionIsGone_ListsItsClusterEmpty_NotFailed()
    {
        await mesh.CreateAsync("tgt-gone", RoutedLibrary.Dimension);
        await mesh.Cluster("local-a").DropCollectionAsync(LibraryName.Collection("tgt-gone", LibraryName.Unassigned)).Within();

        var response = await mesh.Client.ExecuteCrossClusterQueryAsync(new ExecuteCrossClusterQueryRequest
        {
            Library = "tgt-gone",
            Vector = { RoutedLibrary.Blob(0, 1) },
            IncludeSourceResults = true,
        }).ResponseAsync.Within();

        Assert.False(response.Partial);
        Assert.Empty(response.Points);
        var source = Assert.Single(response.SourceResults);
        Assert.Equal(("local-a", 0), (source.Source, source.Points.Count));
        Assert.Null(source.Failure);
    }

    [Fact]
    public async Task CrossClusterQuery_OfAnUnknownCluster_IsNotFound_NamingIt()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "tgt-unknown");

        await RefusedAsync(
            () => mesh.Client.ExecuteCrossClusterQueryAsync(new ExecuteCrossClusterQueryRequest
            {
                Library = library.Name,
                Vector = { RoutedLibrary.Blob(1, 1) },
                Clusters = { new ClusterRef { Name = "local-a" }, new ClusterRef { Name = "local-zz" } },
            }).ResponseAsync,
            StatusCode.NotFound,
            "clusters[1].name:");
    }

    [Fact]
    public async Task DomainSearch_SearchesTheNamedDomains_EachForItsOwnLimit_FusedByItsWeight()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "tgt-domains");
        var query = RoutedLibrary.Blob(0, 7);
        var near = library.NearestDomain(query);
        var far = library.Domains.Select(e => e.DomainId).First(d => d != near);

        var response = await mesh.Client.OrchestrateDomainSearchAsync(new OrchestrateDomainSearchRequest
        {
            Library = library.Name,
            Vector = { query },
            Domains = { new DomainQuery { DomainId = near, Limit = 3 }, new DomainQuery { DomainId = far, Limit = 5, Weight = 2 } },
            Limit = 20,
            Fusion = new FusionConfig { Algorithm = FusionAlgorithm.WeightedScore, Normalization = ScoreNormalization.MinMax },
            IncludeSourceResults = true,
        }).ResponseAsync.Within();

        Assert.False(response.Partial);
        Assert.Equal(new[] { near, far }.Order(StringComparer.Ordinal), response.SourceResults.Select(s => s.Source).Order(StringComparer.Ordinal));
        Assert.Equal(3, response.SourceResults.Single(s => s.Source == near).Points.Count);
        Assert.Equal(5, response.SourceResults.Single(s => s.Source == far).Points.Count);
        Assert.All(response.SourceResults, s => Assert.All(s.Points, p => Assert.Equal(s.Source, p.DomainId)));
        Assert.Equal(8, response.Points.Count);
        Assert.Equal(8, response.Points.Select(p => p.Id).Distinct().Count());
        Assert.All(response.Points, p => Assert.False(string.IsNullOrEmpty(p.Cluster.Name)));
        // Min-max puts each list's best at 1; the far domain's weight 2 lifts its best above the query's own domain's.
        Assert.Equal(far, response.Points[0].DomainId);
        Assert.Equal(2.0, response.Points[0].Score, 5);
        Assert.Equal(1.0, response.Points.First(p => p.DomainId == near).Score, 5);
    }

    [Theory]
    [InlineData("unknown domain", StatusCode.NotFound, "domains[1].domain_id:")]
    [InlineData("negative weight", StatusCode.InvalidArgument, "domains[1].weight:")]
    [InlineData("limit out of range", StatusCode.InvalidArgument, "domains[1].limit:")]
    [InlineData("max_domains out of range", StatusCode.InvalidArgument, "max_domains:")]
    public async Task DomainSearch_RefusesBadDomains_NamingTheField(string bad, StatusCode code, string field)
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "tgt-bad");
        var request = new OrchestrateDomainSearchRequest { Library = library.Name, Vector = { RoutedLibrary.Blob(2, 2) } };
        request.Domains.Add(new DomainQuery { DomainId = library.Domains.First().DomainId });
        var second = new DomainQuery { DomainId = library.Domains.Last().DomainId };
        switch (bad)
        {
            case "unknown domain": second.DomainId = "no-such-domain"; break;
            case "negative weight": second.Weight = -1; break;
            case "limit out of range": second.Limit = 1_001; break;
            default: request.MaxDomains = 257; break;
        }

        request.Domains.Add(second);

        await RefusedAsync(() => mesh.Client.OrchestrateDomainSearchAsync(request).ResponseAsync, code, field);
    }
}
