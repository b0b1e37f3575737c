using System.Text.Json.Nodes;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// The split of "unassigned" into the domains of a map, on the real host: every point ends in exactly the collection of
/// its nearest centroid (checked against a brute-force computation here) on every cluster of that domain's route, and
/// "unassigned" ends empty; a point a domain already holds with a newer value keeps it; a SIGKILL of the host mid-split
/// resumes from the checkpoint to the same exact end; a second split of a library while one is under way is refused.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class SplitTests(SpecializationFixture fixture)
{
    [Fact]
    public async Task SpecializeCluster_SplitsUnassignedIntoEachPointsNearestDomain_OnEveryCopy_AndKeepsNewerValuesInDomains()
    {
        const string Library = "split-apply";
        var world = new SplitWorld(fixture, Library);
        await world.SeedAsync(3_000);
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = Library, Policy = new SpecializationPolicy { ReplicaCount = 1, MigrationBatchSize = 200 },
        }).ResponseAsync.Within();
        var plan = (await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest { Library = Library }).ResponseAsync.Within()).Plan;
        // Written into domains before the split, as an Orchestrator that knew the domains would: point 7 into its own
        // domain and point 8 into another one, each with a newer value than the copy left in "unassigned".
        var newer = new Dictionary<string, (string DomainId, PointRecord Point)>(StringComparer.Ordinal)
        {
            ["7"] = (world.Expected["7"].Nearest, new PointRecord("7", world.Points[6].Vector, new JsonObject { ["label"] = 99 })),
            ["8"] = (world.Map.Domains.First(d => d.DomainId != world.Expected["8"].Nearest && d.DomainId != world.Expected["8"].Tie).DomainId,
                new PointRecord("8", world.Points[8].Vector, new JsonObject { ["label"] = 98 })),
        };
        foreach (var (domainId, point) in newer.Values)
        {
            var placement = plan.Placements.Single(p => p.DomainId == domainId);
            foreach (var cluster in placement.Replicas.Append(placement.Primary).Select(c => fixture.Cluster(c.Name)))
            {
                var collection = LibraryName.Collection(Library, domainId);
                if (!(await cluster.ListCollectionsAsync().Within()).Contains(collection))
                {
                    await cluster.CreateCollectionAsync(new CollectionSpec(collection, MigrationFashionPoints.Dimension, Clusters.Distance.Euclid)).Within();
                }

                await cluster.UpsertAsync(collection, [point]).Within();
            }
        }

        var response = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = plan.PlanId }).ResponseAsync.Within();

        var splitId = Assert.Single(response.MigrationOperationIds);
        var watched = await MigrationCalls.WatchToEndAsync(fixture.Client, splitId);
        var end = watched[^1].Migration;
        Assert.True(end.State == OperationState.Succeeded, $"the split ended {end.State}: {end.Error?.Message}");
        Assert.Equal(("unassigned", MigrationPhase.Completed), (end.Move.DomainId, end.Phase));
        Assert.Equal(2_998UL, end.PointsCopied);
        Assert.Equal((3_000UL, 3_000UL, true), (end.Verification.SourceCount, end.Verification.TargetCount, end.Verification.Matched));
        Assert.Equal(watched.Select(w => w.Migration.PointsCopied).Order(), watched.Select(w => w.Migration.PointsCopied));
        await world.AssertSplitAsync(newer);
        var status = await fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = Library }).ResponseAsync.Within();
        Assert.Equal(0UL, status.UnassignedPoints);
        var history = await fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest { Library = Library, Kinds = { SpecializationEventKind.Migration } }).ResponseAsync.Within();
        Assert.Contains(history.Records, r => r.OperationId == splitId && r.DomainId == "unassigned" && r.State == OperationState.Succeeded);
    }

    [Fact]
    public async Task ASplitStartedByDomainsDiscovered_KilledMidway_ResumesFromItsCheckpoint_ToTheSameExactEnd()
    {
        const string Library = "split-kill";
        var world = new SplitWorld(fixture, Library);
        await world.SeedAsync(10_000);
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = Library, Policy = new SpecializationPolicy { MigrationBatchSize = 100 },
        }).ResponseAsync.Within();
        var discovered = new DomainsDiscoveredEvent { Library = Library, MapVersion = 1, TotalPoints = 10_000 };
        discovered.Domains.Add(world.Map.Domains.Select(d => new Domain { DomainId = d.DomainId, PointCount = d.PointCount }));

        await new PlacementWorld(fixture).PublishAsync(Topics.DomainsDiscovered, discovered);

        var splitId = await Eventually.ValueAsync(() => world.SplitJobAsync().GetAwaiter().GetResult(), id => id is not null, "the split queued by domains.discovered");
        await Eventually.TrueAsync(async () => (await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, splitId!))?.BatchesDone >= 3, "three batches split");
        var killedAt = await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, splitId!);
        fixture.KillHost();
        await fixture.StartHostAsync();

        Assert.Equal((OperationState.Running, MigrationPhase.Copying), (killedAt!.Value.State, killedAt.Value.Phase));
        var watched = await MigrationCalls.WatchToEndAsync(fixture.Client, splitId!);
        var end = watched[^1].Migration;
        Assert.True(end.State == OperationState.Succeeded, $"the split ended {end.State}: {end.Error?.Message}");
        Assert.True(end.Attempt > 1, "the split did not resume in a new attempt");
        Assert.True(watched[0].Migration.PointsCopied >= (ulong)killedAt.Value.BatchesDone * 100, "the resumed split did not start from its checkpoint");
        Assert.Equal((10_000UL, 10_000UL), (end.PointsCopied, end.PointsTotal));
        Assert.Equal(watched.Select(w => w.Migration.PointsCopied).Order(), watched.Select(w => w.Migration.PointsCopied));
        Assert.Contains(watched, w => w.Migration.Phase == MigrationPhase.Completed && w.Progress.Percent == 100);
        await world.AssertSplitAsync(new Dictionary<string, (string, PointRecord)>());
    }

    [Fact]
    public async Task ACancelledSplit_LeavesWhatItCopiedInTheDomains_AndDeletesNothingFromUnassigned()
    {
        const string Library = "split-cancel";
        var world = new SplitWorld(fixture, Library);
        await world.SeedAsync(3_000);
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = Library, Policy = new SpecializationPolicy { MigrationBatchSize = 20 },
        }).ResponseAsync.Within();
        var response = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library }).ResponseAsync.Within();
        var splitId = Assert.Single(response.MigrationOperationIds);
        await Eventually.TrueAsync(async () => (await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, splitId))?.BatchesDone >= 2, "two batches split");

        var cancelled = (await fixture.Client.CancelMigrationAsync(new CancelMigrationRequest { OperationId = splitId }).ResponseAsync.Within()).Status;

        var end = cancelled.State == OperationState.Cancelled ? cancelled : (await MigrationCalls.WatchToEndAsync(fixture.Client, splitId))[^1].Migration;
        Assert.Equal(OperationState.Cancelled, end.State);
        Assert.Equal(3_000, await fixture.Cluster("local-a").CountAsync(world.Unassigned).Within());
        var table = (await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library))!;
        long copied = 0;
        foreach (var entry in table.Entries.Where(e => e.DomainId != "unassigned"))
        {
            var scan = await MigrationProbe.ScanAsync(fixture.Cluster(entry.Primary.Name), entry.CollectionName);
            Assert.All(scan.Ids, id => Assert.Contains(entry.DomainId, new[] { world.Expected[id].Nearest, world.Expected[id].Tie }));
            copied += scan.Count;
        }

        Assert.InRange(copied, (long)end.PointsCopied, 2_999);
        Assert.True(end.PointsCopied >= 40, $"only {end.PointsCopied} points were copied before the cancel");
    }

    [Fact]
    public async Task ASecondSplitOfALibraryWhileOneIsUnderWay_IsRefusedNamingIt_BeforeAnythingIsCreated_AndRunsOnceItEnded()
    {
        const string Library = "split-twice";
        // One split per library. No RPC starts a split by itself (MigrateToSpecialization refuses the domain
        // "unassigned"): SpecializeCluster, or domains.discovered, starts one when it places new domains.
        var world = new PlacementWorld(fixture);
        await world.UnassignedAsync(Library, 900);
        await world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 300, "local-b"), ("d1", 300, "local-c")));
        // Small batches, so the split is still under way when it is paused below.
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = Library, Policy = new SpecializationPolicy { MigrationBatchSize = 10 },
        }).ResponseAsync.Within();
        var first = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, DomainMapVersion = 1 }).ResponseAsync.Within();
        var split = Assert.Single(first.MigrationOperationIds);
        var paused = (await fixture.Client.PauseMigrationAsync(new PauseMigrationRequest { OperationId = split }).ResponseAsync.Within()).Status;
        await world.StoreMapAsync(PlacementWorld.Map(Library, 2, ("d0", 300, "local-b"), ("d1", 300, "local-c"), ("d2", 300, "local-b")));

        var second = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, DomainMapVersion = 2 }));
        var byRpc = await PlacementWorld.RefusalAsync(fixture.Client.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
        {
            Move = new DomainMove { Library = Library, DomainId = LibraryName.Unassigned, Target = new ClusterRef { Name = "local-a" } },
        }));
        var routedWhileRefused = await world.RoutingAsync(Library);
        var d2 = LibraryName.Collection(Library, "d2");
        var createdWhileRefused = new List<string>();
        foreach (var name in SpecializationFixture.ClusterNames)
        {
            createdWhileRefused.AddRange((await fixture.Cluster(name).ListCollectionsAsync().Within()).Where(c => c == d2).Select(_ => name));
        }

        await fixture.Client.CancelMigrationAsync(new CancelMigrationRequest { OperationId = split }).ResponseAsync.Within();
        var again = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, DomainMapVersion = 2 }).ResponseAsync.Within();
        var secondSplit = (await MigrationCalls.WatchToEndAsync(fixture.Client, Assert.Single(again.MigrationOperationIds)))[^1].Migration;

        Assert.Equal(OperationState.Paused, paused.State);
        Assert.Equal(StatusCode.FailedPrecondition, second.StatusCode);
        Assert.StartsWith("library: the points of 'unassigned'", second.Detail, StringComparison.Ordinal);
        Assert.Contains($"operation {split}", second.Detail, StringComparison.Ordinal);
        Assert.Equal((StatusCode.InvalidArgument, true), (byRpc.StatusCode, byRpc.Detail.StartsWith("move.domain_id:", StringComparison.Ordinal)));
        Assert.DoesNotContain(routedWhileRefused!.Entries, e => e.DomainId == "d2");
        Assert.Empty(createdWhileRefused);
        Assert.Equal((OperationState.Succeeded, LibraryName.Unassigned), (secondSplit.State, secondSplit.Move.DomainId));
        Assert.Equal(0L, await fixture.Cluster("local-a").CountAsync(LibraryName.Collection(Library, LibraryName.Unassigned)).Within());
    }
}
