using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Tests.Replicas;
using MultiCluster.Specialization.Tests.Routing;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>ClusterAdminService.SyncAcrossClusters on the real host: replica repair, created collections, orphans, dry runs, refusals.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class SyncAcrossClustersTests(SpecializationFixture fixture) : RoutedTests(fixture)
{
    [Fact]
    public async Task AReplicaThatWasDownWhileWritesWentOn_ConvergesAfterSync()
    {
        const string Library = "sync-down";
        var down = LibraryName.Collection(Library, "d1");
        var healthy = LibraryName.Collection(Library, "d2");
        var points = TestPoints.Ids(1, 400).Select(id => TestPoints.Make(id)).ToList();
        await TestPoints.CreateAsync(Fixture.Cluster("local-a"), down, points);
        await TestPoints.CreateAsync(Fixture.Cluster("local-c"), down, points);
        await TestPoints.CreateAsync(Fixture.Cluster("local-a"), healthy, points);
        await TestPoints.CreateAsync(Fixture.Cluster("local-b"), healthy, points.Where(p => p.Id != "7"));
        await Routing.PlaceAsync(Library, "d1", "local-a", "local-c");
        await Routing.PlaceAsync(Library, "d2", "local-a", "local-b");

        Fixture.ClusterProcess("local-c").Kill();
        try
        {
            // What the Orchestrator does while a replica is down: the primary takes the writes alone.
            await TestPoints.WriteAsync(Fixture.Cluster("local-a"), down, TestPoints.Ids(401, 150).Select(id => TestPoints.Make(id)));
            await TestPoints.WriteAsync(Fixture.Cluster("local-a"), down, TestPoints.Ids(1, 20).Select(id => TestPoints.Make(id, 1)));
            await Fixture.Cluster("local-a").DeleteAsync(down, [.. TestPoints.Ids(381, 10)]).Within();

            var whileDown = await Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { Library = Library }).ResponseAsync.Within();

            Assert.True(whileDown.Partial);
            var failure = Assert.Single(whileDown.FailedClusters);
            Assert.Equal("local-c", failure.Cluster.Name);
            Assert.Contains("d1", failure.DomainIds);
            var repairedMeanwhile = Assert.Single(whileDown.Actions, a => a.Kind == SyncActionKind.RepairPoints);
            Assert.Equal(("local-b", healthy, 1UL), (repairedMeanwhile.Cluster.Name, repairedMeanwhile.CollectionName, repairedMeanwhile.PointsMissing));
        }
        finally
        {
            await Fixture.BringBackAsync("local-c");
        }

        var after = await SyncWhenReachableAsync(Library);

        var repair = Assert.Single(after.Actions, a => a.Kind == SyncActionKind.RepairPoints);
        Assert.Equal(("local-c", down), (repair.Cluster.Name, repair.CollectionName));
        Assert.Equal((150UL, 20UL, 10UL, 180UL), (repair.PointsMissing, repair.PointsStale, repair.PointsExtra, repair.PointsRepaired));
        Assert.True(repair.Applied);
        Assert.Equal(await TestPoints.DigestAsync(Fixture.Cluster("local-a"), down), await TestPoints.DigestAsync(Fixture.Cluster("local-c"), down));
    }

    [Fact]
    public async Task OnItsSchedule_TheHostRepairsADivergedReplicaWithoutBeingAsked()
    {
        const string Library = "sync-schedule";
        var collection = LibraryName.Collection(Library, "d1");
        var points = TestPoints.Ids(1, 300).Select(id => TestPoints.Make(id)).ToList();
        await TestPoints.CreateAsync(Fixture.Cluster("local-b"), collection, points);
        await TestPoints.CreateAsync(Fixture.Cluster("local-c"), collection, points.Take(100).Select(p => TestPoints.Make(p.Id, 2)));
        await Routing.PlaceAsync(Library, "d1", "local-b", "local-c");
        var expected = await TestPoints.DigestAsync(Fixture.Cluster("local-b"), collection);

        await Fixture.StartHostAsync(("Specialization__ReplicaSyncInterval", "500ms"));
        try
        {
            await Eventually.TrueAsync(async () => await TestPoints.DigestAsync(Fixture.Cluster("local-c"), collection) == expected,
                "the scheduled sync to make local-c's copy equal to local-b's");
        }
        finally
        {
            await Fixture.StartHostAsync();
        }
    }

    [Fact]
    public async Task ARouteClusterWithoutTheCollection_GetsItWithThePrimarysSettings_AndADryRunChangesNothing()
    {
        const string Library = "sync-create";
        var collection = LibraryName.Collection(Library, "d1");
        await Fixture.Cluster("local-b").DropCollectionAsync(collection).Within();
        await Fixture.Cluster("local-a").DropCollectionAsync(collection).Within();
        await Fixture.Cluster("local-a").CreateCollectionAsync(new CollectionSpec(collection, TestPoints.Dimension, Clusters.Distance.Dot, HnswM: 24)).Within();
        await TestPoints.WriteAsync(Fixture.Cluster("local-a"), collection, TestPoints.Ids(1, 50).Select(id => TestPoints.Make(id)));
        await Routing.PlaceAsync(Library, "d1", "local-a", "local-b");

        var dry = await Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { Library = Library, DryRun = true }).ResponseAsync.Within();

        Assert.Equal([SyncActionKind.CreateCollection, SyncActionKind.RepairPoints], dry.Actions.Select(a => a.Kind));
        Assert.All(dry.Actions, a => Assert.False(a.Applied));
        Assert.Equal(50UL, dry.Actions[1].PointsMissing);
        Assert.DoesNotContain(collection, await Fixture.Cluster("local-b").ListCollectionsAsync().Within());

        var done = await Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { Library = Library }).ResponseAsync.Within();

        Assert.All(done.Actions, a => Assert.True(a.Applied));
        var created = await Fixture.Cluster("local-b").DescribeCollectionAsync(collection).Within();
        Assert.Equal((TestPoints.Dimension, Clusters.Distance.Dot, 24), (created.Spec.VectorSize, created.Spec.Distance, created.Spec.HnswM ?? 0));
        Assert.Equal(50, await Fixture.Cluster("local-b").CountAsync(collection).Within());
    }

    [Fact]
    public async Task Orphans_AreReported_AndDeletedOnlyWhenAsked_WhileMovingDomainsAreLeftAlone()
    {
        const string Library = "sync-orphans";
        var orphan = LibraryName.Collection(Library, "gone");
        var moving = LibraryName.Collection(Library, "moving");
        await TestPoints.CreateAsync(Fixture.Cluster("local-b"), orphan, [TestPoints.Make("1")]);
        await TestPoints.CreateAsync(Fixture.Cluster("local-a"), moving, TestPoints.Ids(1, 20).Select(id => TestPoints.Make(id)));
        await TestPoints.CreateAsync(Fixture.Cluster("local-c"), moving, []);
        await Routing.PutAsync(Library, RouteEntries.BeginMove(RouteEntries.Placed(Library, "moving", "local-a", []), "local-c"));

        var reported = await Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { Library = Library }).ResponseAsync.Within();

        var found = Assert.Single(reported.Actions);
        Assert.Equal((SyncActionKind.OrphanFound, "local-b", orphan), (found.Kind, found.Cluster.Name, found.CollectionName));
        Assert.Contains(orphan, await Fixture.Cluster("local-b").ListCollectionsAsync().Within());
        Assert.Equal(0, await Fixture.Cluster("local-c").CountAsync(moving).Within());

        var deleted = await Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { Library = Library, DeleteOrphans = true }).ResponseAsync.Within();

        Assert.Equal([SyncActionKind.OrphanFound, SyncActionKind.DeleteOrphan], deleted.Actions.Select(a => a.Kind));
        Assert.DoesNotContain(orphan, await Fixture.Cluster("local-b").ListCollectionsAsync().Within());
        Assert.Contains(moving, await Fixture.Cluster("local-c").ListCollectionsAsync().Within());
    }

    [Fact]
    public async Task OnTheSpecializationHost_SyncAcrossClustersAnswers_ForEveryLibraryWhenNoneIsNamed()
    {
        await Routing.PlaceAsync("sync-every", "d1", "local-a");

        var response = await Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { DryRun = true }).ResponseAsync.Within();

        Assert.False(response.Partial);
        Assert.All(response.Actions, a => Assert.False(a.Applied));
    }

    [Theory]
    [InlineData("Bad Name", StatusCode.InvalidArgument)]
    [InlineData("a__b", StatusCode.InvalidArgument)]
    [InlineData("sync-never-heard-of", StatusCode.NotFound)]
    public async Task ABadOrUnknownLibrary_IsRefusedNamingTheField(string library, StatusCode expected)
    {
        await Refusal.AssertAsync(() => Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { Library = library }).ResponseAsync, expected, "library");
    }

    // The host's client of a cluster that came back may need a moment to reconnect; until then it reports it unreachable.
    private async Task<SyncAcrossClustersResponse> SyncWhenReachableAsync(string library)
    {
        SyncAcrossClustersResponse? last = null;
        await Eventually.TrueAsync(async () =>
        {
            last = await Fixture.Admin.SyncAcrossClustersAsync(new SyncAcrossClustersRequest { Library = library }).ResponseAsync;
            return !last.Partial;
        }, $"a sync of {library} that reaches every cluster");
        return last!;
    }
}
