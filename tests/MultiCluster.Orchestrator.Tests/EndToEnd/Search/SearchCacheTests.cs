using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using SearchRequest = MultiCluster.Contracts.V1.SearchRequest;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>The Redis result cache as a client of the Orchestrator sees it: hits, and what invalidates them.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class SearchCacheTests(OrchestratorFixture mesh)
{
    // One domain, "unassigned" left out: the answer covers exactly the query's nearest domain.
    private static void OneDomain(SearchRequest request) => request.Routing = new RoutingHints { MaxDomains = 1, ExcludeUnassigned = true };

    [Fact]
    public async Task TheSameSearchTwice_IsAHitTheSecondTime_AndTheMetricsCountIt()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "cch-twice");
        var query = RoutedLibrary.Blob(1, 31);

        // "unassigned" left out: whether it is searched follows a count refreshed in the background, which would change
        // what the answer covers between the two searches.
        var first = await mesh.SearchAsync(library.Name, query, r => r.Routing = new RoutingHints { ExcludeUnassigned = true });
        var second = await mesh.SearchAsync(library.Name, query, r => r.Routing = new RoutingHints { ExcludeUnassigned = true });
        var bypassed = await mesh.SearchAsync(library.Name, query, r => r.Routing = new RoutingHints { ExcludeUnassigned = true, BypassCache = true });

        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal(first.Points, second.Points);
        Assert.Equal(first.SearchedDomainIds, second.SearchedDomainIds);
        Assert.False(bypassed.CacheHit);
        Assert.Equal(first.Points.Select(p => p.Id), bypassed.Points.Select(p => p.Id));
        var metrics = await mesh.MetricsAsync(library.Name);
        Assert.True(metrics.CacheHitRatio > 0, $"cache_hit_ratio {metrics.CacheHitRatio} after a hit");
        Assert.True(metrics.CacheHitRatio < 1, $"cache_hit_ratio {metrics.CacheHitRatio} though two of the searches missed");
    }

    [Fact]
    public async Task AnUpsertIntoACoveredDomain_EndsTheHit_AndTheNextSearchSeesTheNewPoint()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "cch-write");
        // No stored point has this vector (blob points repeat every 11 ids): the new point alone scores 1.
        var query = RoutedLibrary.Blob(0, 500);
        query[3] += 0.005f;
        await mesh.SearchAsync(library.Name, query, OneDomain);
        Assert.True((await mesh.SearchAsync(library.Name, query, OneDomain)).CacheHit);

        var written = await mesh.UpsertAsync(library.Name, [Point(9_001, query)]);
        var after = await mesh.SearchAsync(library.Name, query, OneDomain);

        Assert.Equal(library.NearestDomain(query), written.Assignments.Single().DomainId);
        Assert.False(after.CacheHit);
        Assert.Equal("9001", after.Points[0].Id);
        Assert.True((await mesh.SearchAsync(library.Name, query, OneDomain)).CacheHit);
    }

    [Fact]
    public async Task ASplitOfUnassignedIntoACoveredDomain_EndsTheHit_ThoughRoutingKeepsItsVersion()
    {
        const string name = "cch-split";
        var query = RoutedLibrary.Blob(2, 500);
        query[0] += 0.005f;
        await mesh.CreateAsync(name, RoutedLibrary.Dimension);
        // The point the query finds first has the highest id: the split (one point per batch) reaches it last.
        await mesh.UpsertAsync(name, [.. Enumerable.Range(0, 300).Select(i => Point(i + 1, RoutedLibrary.Blob(i % 3, i))), Point(9_101, query)], assignments: false);
        await mesh.SpecializationClient.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = name,
            Policy = new SpecializationPolicy { MigrationBatchSize = 1 },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "migration_batch_size" } },
        }).ResponseAsync.Within();
        using var stop = new CancellationTokenSource(Bounded.Timeout);
        var pausing = PauseTheSplitAsync(name, stop.Token);
        var library = await RoutedLibrary.PlaceAsync(mesh, name, domains: 3, seed: 5);
        var split = await pausing.WaitAsync(Bounded.Timeout);
        var routed = await library.ServedAsync(mesh);

        // Mid-split, once the split is paused and its last progress event handled: the domain does not hold the point
        // yet, and its answer is cached.
        await Eventually.TrueAsync(async () =>
            (await mesh.SpecializationClient.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = name })).ActiveMigrations.Single(m => m.OperationId == split).State == OperationState.Paused,
            "the split to pause");
        SearchResponse? before = null;
        await Eventually.TrueAsync(async () =>
        {
            before = await mesh.SearchAsync(name, query, OneDomain);
            return (await mesh.SearchAsync(name, query, OneDomain)).CacheHit;
        }, "the answer of the paused split to be cached");
        Assert.True(before!.Points.All(p => p.Id != "9101"), "the split moved point 9101 before it was paused; the test needs it paused earlier");
        await mesh.SpecializationClient.MigrateToSpecializationAsync(new MigrateToSpecializationRequest { ResumeOperationId = split }).ResponseAsync.Within();
        await Eventually.TrueAsync(async () =>
            (await mesh.SpecializationClient.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = name })).ActiveMigrations.Count == 0,
            "the split of unassigned to finish");

        var status = await mesh.Client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = name }).ResponseAsync.Within();
        Assert.Equal(routed.RoutingVersion, status.RoutingVersion);
        await Eventually.TrueAsync(async () => (await mesh.SearchAsync(name, query, OneDomain)).Points[0].Id == "9101",
            "a search to see the point the split moved into the domain it covers");
    }

    // Pauses the split of unassigned as soon as it runs (it stops after its current batch); returns its operation id.
    private async Task<string> PauseTheSplitAsync(string library, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var active = (await mesh.SpecializationClient.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = library }, cancellationToken: cancellationToken)
                .ResponseAsync.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.ActiveMigrations : [], TaskScheduler.Default)).ToList();
            if (active.FirstOrDefault(m => m.Move.DomainId == LibraryName.Unassigned) is { } split)
            {
                await mesh.SpecializationClient.PauseMigrationAsync(new PauseMigrationRequest { OperationId = split.OperationId }, cancellationToken: cancellationToken);
                return split.OperationId;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    [Fact]
    public async Task AnUpsertIntoADomainTheAnswerDidNotCover_KeepsTheHit()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "cch-elsewhere");
        var query = RoutedLibrary.Blob(0, 600);
        var first = await mesh.SearchAsync(library.Name, query, OneDomain);
        var elsewhere = RoutedLibrary.Blob(2, 600);
        Assert.NotEqual(library.NearestDomain(query), library.NearestDomain(elsewhere));

        var written = await mesh.UpsertAsync(library.Name, [Point(9_002, elsewhere)]);
        var after = await mesh.SearchAsync(library.Name, query, OneDomain);

        Assert.DoesNotContain(written.Assignments.Single().DomainId, first.SearchedDomainIds);
        Assert.True(after.CacheHit);
    }

    [Fact]
    public async Task ARoutingChange_EndsTheHit_AndTheNextAnswerComesFromTheDomainsNewCluster()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "cch-moved");
        var query = RoutedLibrary.Blob(1, 700);
        var domain = library.Entry(library.NearestDomain(query));
        var target = OrchestratorFixture.ClusterNames.First(c => domain.ReadClusters.Concat(domain.WriteClusters).All(w => w.Name != c));
        void OnThePrimary(SearchRequest request)
        {
            OneDomain(request);
            request.Routing.Strategy = RoutingStrategy.DomainAffinity;
        }

        var before = await mesh.SearchAsync(library.Name, query, OnThePrimary);
        Assert.True((await mesh.SearchAsync(library.Name, query, OnThePrimary)).CacheHit);
        var served = await library.ServedAsync(mesh);

        await mesh.SpecializationClient.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
        {
            Move = new DomainMove { Library = library.Name, DomainId = domain.DomainId, Source = domain.Primary, Target = new ClusterRef { Name = target } },
        }).ResponseAsync.Within();
        var moved = await library.ServedAsync(mesh, s => s.Domains.Any(d => d.DomainId == domain.DomainId && !d.Migrating && d.Primary.Name == target));
        var after = await mesh.SearchAsync(library.Name, query, OnThePrimary);

        Assert.True(moved.RoutingVersion > served.RoutingVersion);
        Assert.False(after.CacheHit);
        Assert.All(before.Points, p => Assert.Equal(domain.Primary.Name, p.Cluster.Name));
        Assert.All(after.Points, p => Assert.Equal(target, p.Cluster.Name));
        Assert.Equal(before.Points.Select(p => p.Score), after.Points.Select(p => p.Score));
    }

    [Fact]
    public async Task ADroppedAndRecreatedLibrary_NeverGetsTheOldLibrarysAnswer()
    {
        const string Name = "cch-reborn";
        float[] query = [0.2f, 0.4f, 0.6f, 0.8f];
        await mesh.CreateAsync(Name, RoutedLibrary.Dimension);
        await mesh.UpsertAsync(Name, Enumerable.Range(1, 20).Select(i => Point(i, RoutedLibrary.Blob(i % 3, i))));
        var old = await mesh.SearchAsync(Name, query);
        Assert.True((await mesh.SearchAsync(Name, query)).CacheHit);

        await mesh.Client.DropLibraryAsync(new DropLibraryRequest { Name = Name }).ResponseAsync.Within();
        await mesh.CreateAsync(Name, RoutedLibrary.Dimension);
        var empty = await mesh.SearchAsync(Name, query);
        await mesh.UpsertAsync(Name, Enumerable.Range(101, 20).Select(i => Point(i, RoutedLibrary.Blob(i % 3, i))));
        var reborn = await mesh.SearchAsync(Name, query);

        Assert.Equal(10, old.Points.Count);
        Assert.False(empty.CacheHit);
        Assert.Empty(empty.Points);
        Assert.False(reborn.CacheHit);
        Assert.Equal(10, reborn.Points.Count);
        Assert.All(reborn.Points, p => Assert.True(int.Parse(p.Id, System.Globalization.CultureInfo.InvariantCulture) > 100, $"point {p.Id} of the dropped library"));
    }
}
