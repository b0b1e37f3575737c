using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// One split of "unassigned" per library at a time. No RPC starts a split by itself (MigrateToSpecialization refuses
/// the domain "unassigned"): SpecializeCluster (or domains.discovered) starts one when it places new domains.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class SplitRefusalTests(SpecializationFixture fixture)
{
    private readonly PlacementWorld _world = new(fixture);

    [Fact]
    public async Task ASecondSplitOfALibraryWhileOneIsUnderWay_IsRefusedNamingIt_BeforeAnythingIsCreated_AndRunsOnceItEnded()
    {
        const string Library = "split-twice";
        await _world.UnassignedAsync(Library, 900);
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 300, "local-b"), ("d1", 300, "local-c")));
        // Small batches, so the split is still under way when it is paused below.
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = Library, Policy = new SpecializationPolicy { MigrationBatchSize = 10 },
        }).ResponseAsync.Within();
        var first = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, DomainMapVersion = 1 }).ResponseAsync.Within();
        var split = Assert.Single(first.MigrationOperationIds);
        var paused = (await fixture.Client.PauseMigrationAsync(new PauseMigrationRequest { OperationId = split }).ResponseAsync.Within()).Status;
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 2, ("d0", 300, "local-b"), ("d1", 300, "local-c"), ("d2", 300, "local-b")));

        var second = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, DomainMapVersion = 2 }));
        var byRpc = await PlacementWorld.RefusalAsync(fixture.Client.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
        {
            Move = new DomainMove { Library = Library, DomainId = LibraryName.Unassigned, Target = new ClusterRef { Name = "local-a" } },
        }));
        var routedWhileRefused = await _world.RoutingAsync(Library);
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
