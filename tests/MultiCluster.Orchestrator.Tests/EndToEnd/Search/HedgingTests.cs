using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>
/// hedge_after_ms: unset hedges after the cluster's recent p95, 0 never hedges. Shown with the primary of a domain
/// frozen (SIGSTOP): its call hangs, so only a hedged call to the replica can answer before the deadline.
/// </summary>
[Collection(MeshHostGroup.Name)]
public sealed class HedgingTests(OrchestratorFixture mesh)
{
    private static readonly float[] Query = RoutedLibrary.Blob(0, 7);

    [Fact]
    public async Task HedgeAfterUnset_AsksTheReplicaAfterTheP95_AndZero_NeverDoes()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "hedge-lib");
        var domain = library.NearestDomain(Query);
        var primary = await WithReplicaAsync(library, domain);
        // Enough calls to the primary for it to have a recent p95 (20 in the last minute), hedging off meanwhile so that
        // a slow call on a busy machine does not go to the replica.
        await mesh.NoHedgingAsync(library.Name);
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(primary, Assert.Single((await SearchPrimaryAsync(library.Name)).Points.Select(p => p.Cluster.Name).Distinct()));
        }

        var unset = await mesh.SetRoutingAsync(library.Name, new RoutingSettings(), "hedge_after_ms");
        Assert.False(unset.HasHedgeAfterMs);
        var hedged = await WhileFrozenAsync(primary, () => SearchPrimaryAsync(library.Name));
        var disabled = await mesh.SetRoutingAsync(library.Name, new RoutingSettings { HedgeAfterMs = 0 }, "hedge_after_ms");
        var notHedged = await WhileFrozenAsync(primary, () => SearchPrimaryAsync(library.Name));

        Assert.False(hedged.Partial);
        Assert.NotEmpty(hedged.Points);
        Assert.DoesNotContain(hedged.Points, p => p.Cluster.Name == primary);
        Assert.True(disabled.HasHedgeAfterMs);
        Assert.Equal(0u, disabled.HedgeAfterMs);
        Assert.True(notHedged.Partial);
        Assert.Empty(notHedged.Points);
        Assert.Equal("DEADLINE_EXCEEDED", Assert.Single(notHedged.FailedClusters, f => f.Cluster.Name == primary).Code);
    }

    // Copies the domain to a second cluster and waits until the Orchestrator reads both; returns the primary then.
    private async Task<string> WithReplicaAsync(RoutedLibrary library, string domain)
    {
        var primary = library.Entry(domain).Primary.Name;
        var target = OrchestratorFixture.ClusterNames.First(c => c != primary);
        await mesh.SpecializationClient.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
        {
            Move = new DomainMove { Library = library.Name, DomainId = domain, Target = new ClusterRef { Name = target }, KeepSource = true },
            RequestId = "hedge-replica",
        }).ResponseAsync.Within();
        DomainStatus? seen = null;
        await Eventually.TrueAsync(async () =>
        {
            var status = await mesh.Client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = library.Name }).ResponseAsync;
            seen = status.Domains.Single(d => d.DomainId == domain);
            return seen is { Migrating: false, ReadClusters.Count: 2 };
        }, $"the Orchestrator to read {domain} of {library.Name} from {primary} and {target}");
        return seen!.Primary.Name;
    }

    // The primary only (domain affinity), one domain, never from the cache, within 3 s.
    private Task<SearchResponse> SearchPrimaryAsync(string library) => mesh.FreshSearchAsync(library, Query, r =>
    {
        r.Routing.Strategy = RoutingStrategy.DomainAffinity;
        r.Routing.MaxDomains = 1;
        r.Routing.ExcludeUnassigned = true;
        r.TimeoutMs = 3_000;
    });

    private async Task<T> WhileFrozenAsync<T>(string cluster, Func<Task<T>> act)
    {
        await mesh.ClusterProcess(cluster).FreezeAsync().Within();
        try
        {
            return await act();
        }
        finally
        {
            await mesh.ClusterProcess(cluster).ThawAsync().Within();
        }
    }
}
