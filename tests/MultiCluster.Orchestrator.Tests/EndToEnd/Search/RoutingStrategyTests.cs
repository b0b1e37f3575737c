using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Search.SearchCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>SearchBatch over a routed library, and what SetRoutingStrategy changes in the searches of one library only.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class RoutingStrategyTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task SearchBatch_OverARoutedLibrary_AnswersEachSearchAsSearchAlone_InRequestOrder()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "rst-batch");
        float[][] queries = [RoutedLibrary.Blob(2, 11), RoutedLibrary.Blob(0, 12), RoutedLibrary.Blob(1, 13), RoutedLibrary.Blob(0, 14), [1f, 0.8f, 0.3f, 0.05f]];
        var batch = new SearchBatchRequest { Library = library.Name };
        batch.Searches.AddRange(queries.Select(q => new SearchRequest { Vector = { q }, Limit = 10, Routing = new RoutingHints { BypassCache = true } }));

        var responses = (await mesh.Client.SearchBatchAsync(batch, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync.Within()).Responses;

        Assert.Equal(queries.Length, responses.Count);
        for (var i = 0; i < queries.Length; i++)
        {
            var alone = await mesh.FreshSearchAsync(library.Name, queries[i]);
            Assert.False(responses[i].Partial);
            Assert.Equal(10, responses[i].Points.Count);
            // Scores, not ids: blob points repeat every 11, so equal scores tie and replicas may break ties apart.
            Assert.Equal(alone.Points.Select(p => Math.Round(p.Score, 5)), responses[i].Points.Select(p => Math.Round(p.Score, 5)));
            Assert.Contains(library.NearestDomain(queries[i]), responses[i].SearchedDomainIds);
            Assert.All(responses[i].Points, p => Assert.False(string.IsNullOrEmpty(p.Cluster.Name) || string.IsNullOrEmpty(p.DomainId)));
        }
    }

    [Fact]
    public async Task Broadcast_SetForOneLibrary_SearchesEveryDomainThere_AndNothingChangesInAnother()
    {
        var exhaustive = await RoutedLibrary.SharedAsync(mesh, "rst-broadcast");
        var other = await RoutedLibrary.SharedAsync(mesh, "rst-adaptive");
        await exhaustive.CalibratedAsync(mesh, RoutedLibrary.Blob(0, 1));
        await other.CalibratedAsync(mesh, RoutedLibrary.Blob(0, 1));
        var query = RoutedLibrary.Blob(0, 21);
        var before = await mesh.FreshSearchAsync(exhaustive.Name, query, r => r.Explain = true);

        var set = await mesh.SetRoutingAsync(exhaustive.Name, new RoutingSettings { Strategy = RoutingStrategy.Broadcast }, "strategy");
        var broadcast = await mesh.FreshSearchAsync(exhaustive.Name, query, r => r.Explain = true);
        var untouched = await mesh.FreshSearchAsync(other.Name, query, r => r.Explain = true);

        Assert.Equal(RoutingStrategy.Broadcast, set.Strategy);
        Assert.Equal(RoutingStrategy.Adaptive, before.Routing.Strategy);
        Assert.True(Domains(before.SearchedDomainIds).Count < exhaustive.Map.Domains.Count, "adaptive routing searched every domain of a blob query already");
        Assert.Equal(RoutingStrategy.Broadcast, broadcast.Routing.Strategy);
        Assert.Equal(exhaustive.Domains.Select(e => e.DomainId).Order(StringComparer.Ordinal), Domains(broadcast.SearchedDomainIds));
        Assert.Equal(RoutingStrategy.Adaptive, untouched.Routing.Strategy);
        Assert.True(Domains(untouched.SearchedDomainIds).Count < other.Map.Domains.Count, "the other library's searches went to every domain too");

        // A request's own strategy still wins over the library's.
        var asked = await mesh.FreshSearchAsync(exhaustive.Name, query, r => { r.Explain = true; r.Routing.Strategy = RoutingStrategy.DomainAffinity; });
        Assert.Equal(RoutingStrategy.DomainAffinity, asked.Routing.Strategy);
        Assert.True(Domains(asked.SearchedDomainIds).Count < exhaustive.Map.Domains.Count);
    }
}
