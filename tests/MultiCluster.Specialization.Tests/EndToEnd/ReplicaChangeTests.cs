using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// replica_count changed for a library whose domain is placed, filled and routed: SpecializeCluster copies the domain
/// to a new replica (read only once verified, written from the start of the copy), or drops a replica (routing first,
/// the collection after the cleanup grace period, across a restart).
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class ReplicaChangeTests(SpecializationFixture fixture)
{
    private const string Primary = "local-b";
    private const int Points = 1_500;
    private readonly PlacementWorld _world = new(fixture);

    [Fact]
    public async Task ReplicaCountRaised_CopiesTheDomainToANewReplica_ReadOnlyOnceVerified_WithAWriteDuringTheCopyOnBoth()
    {
        const string Library = "rep-add";
        var collection = LibraryName.Collection(Library, "d0");
        await PlaceAsync(Library, replicas: 0);
        var before = await MigrationProbe.ScanAsync(fixture.Cluster(Primary), collection);

        // Small batches, so the copy is still running when it is paused below.
        await PolicyAsync(Library, replicas: 1, batchSize: 10);
        var plan = await PlanAsync(Library);
        var move = Assert.Single(plan.Moves);
        var replica = move.Target.Name;
        var both = new[] { Primary, replica }.Order(StringComparer.Ordinal).ToList();
        Assert.Equal((Primary, true, $"new replica on {replica} for d0"), (move.Source.Name, move.KeepSource, move.Reason));
        Assert.Equal([replica], plan.Placements.Single(p => p.DomainId == "d0").Replicas.Select(r => r.Name));
        var applied = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = plan.PlanId }).ResponseAsync.Within();
        var migration = Assert.Single(applied.MigrationOperationIds);
        // Paused once copying: a pause while the job still waits its turn (a busy machine) would stop it before routing changed.
        await Eventually.TrueAsync(async () => (await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, migration))?.Phase == MigrationPhase.Copying, "the copy started");
        var paused = await fixture.Client.PauseMigrationAsync(new PauseMigrationRequest { OperationId = migration }).ResponseAsync.Within();
        Assert.Equal((OperationState.Paused, MigrationPhase.Copying), (paused.Status.State, paused.Status.Phase));

        var copying = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
        Assert.Equal((true, Primary), (copying.Migrating, copying.Primary.Name));
        Assert.Equal([Primary], copying.ReadClusters.Select(c => c.Name));
        Assert.Equal(both, copying.WriteClusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        // A write during the copy, as the Orchestrator makes it: to every write cluster of the entry.
        var written = new PointRecord("900001", [0.5f, 0.5f, 0.5f, 0.5f]);
        foreach (var cluster in copying.WriteClusters)
        {
            await fixture.Cluster(cluster.Name).UpsertAsync(collection, [written]).Within();
        }

        await fixture.Client.MigrateToSpecializationAsync(new MigrateToSpecializationRequest { ResumeOperationId = migration }).ResponseAsync.Within();
        var last = (await MigrationCalls.WatchToEndAsync(fixture.Client, migration))[^1].Migration;

        Assert.Equal(OperationState.Succeeded, last.State);
        Assert.True(last.Verification.Matched);
        var entry = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
        Assert.Equal((false, Primary), (entry.Migrating, entry.Primary.Name));
        Assert.Equal(both, entry.ReadClusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(both, entry.WriteClusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        var onPrimary = await MigrationProbe.ScanAsync(fixture.Cluster(Primary), collection);
        var onReplica = await MigrationProbe.ScanAsync(fixture.Cluster(replica), collection);
        Assert.Equal((before.Count + 1, onPrimary.Digest), (onReplica.Count, onReplica.Digest));
        Assert.Equal(before.Count + 1, onPrimary.Count);
        Assert.Contains(written.Id, onReplica.Ids);
        Assert.Equal(onPrimary.Digest, last.Verification.TargetChecksum);
    }

    [Fact]
    public async Task ReplicaCountLowered_TakesTheReplicaOutOfRoutingFirst_AndDropsItsCollectionAfterTheGrace_AcrossARestart()
    {
        const string Library = "rep-drop";
        var collection = LibraryName.Collection(Library, "d0");
        // A grace long enough that the host is killed within it; the time is kept in the job's row.
        await fixture.StartHostAsync(("Specialization__CleanupGracePeriod", "20s"));
        try
        {
            var replica = await PlaceAsync(Library, replicas: 1);
            var before = await MigrationProbe.ScanAsync(fixture.Cluster(Primary), collection);
            Assert.Equal(before.Digest, (await MigrationProbe.ScanAsync(fixture.Cluster(replica), collection)).Digest);

            await PolicyAsync(Library, replicas: 0, batchSize: 500);
            var plan = await PlanAsync(Library);
            var drop = Assert.Single(plan.Moves);
            Assert.Equal((replica, false, null), (drop.Source.Name, drop.KeepSource, drop.Target));
            Assert.StartsWith($"replica on {replica} dropped", drop.Reason, StringComparison.Ordinal);
            var applied = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = plan.PlanId }).ResponseAsync.Within();
            var migration = Assert.Single(applied.MigrationOperationIds);
            await Eventually.ValueAsync(
                () => MigrationProbe.JobAsync(fixture.DatabaseConnectionString, migration).GetAwaiter().GetResult(),
                job => job?.Phase == MigrationPhase.CleaningUp, "the drop switched routing and waits for its grace");
            fixture.KillHost();

            var entry = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
            Assert.Equal([Primary], entry.ReadClusters.Select(c => c.Name));
            Assert.Equal([Primary], entry.WriteClusters.Select(c => c.Name));
            Assert.Equal(before.Count, await fixture.Cluster(replica).CountAsync(collection).Within());

            await fixture.StartHostAsync();
            var last = (await MigrationCalls.WatchToEndAsync(fixture.Client, migration))[^1];
            Assert.Equal((OperationState.Succeeded, "completed"), (last.Migration.State, last.Progress.Phase));
            Assert.DoesNotContain(collection, await fixture.Cluster(replica).ListCollectionsAsync().Within());
            var onPrimary = await MigrationProbe.ScanAsync(fixture.Cluster(Primary), collection);
            Assert.Equal((before.Count, before.Digest), (onPrimary.Count, onPrimary.Digest));
            var routed = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
            Assert.Equal(Primary, routed.Primary.Name);
            Assert.Equal([Primary], routed.ReadClusters.Select(c => c.Name));
        }
        finally
        {
            await fixture.StartHostAsync();
        }
    }

    [Fact]
    public async Task ADropWithoutASource_OrOfAClusterNotHoldingTheDomain_IsRefused()
    {
        const string Library = "rep-bad";
        await PlaceAsync(Library, replicas: 0);

        var noTarget = await MigrationCalls.RefusedAsync(() => fixture.Client.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
        {
            Move = new DomainMove { Library = Library, DomainId = "d0", Source = new ClusterRef { Name = Primary } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, noTarget.StatusCode);
        Assert.StartsWith("move.target:", noTarget.Status.Detail, StringComparison.Ordinal);
        var entry = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
        Assert.Equal([Primary], entry.ReadClusters.Select(c => c.Name));
        Assert.Equal(Points, await fixture.Cluster(Primary).CountAsync(LibraryName.Collection(Library, "d0")).Within());
    }

    /// <summary>
    /// One domain d0 of <see cref="Points"/> points placed on <see cref="Primary"/> (pinned) with <paramref name="replicas"/>
    /// replicas and filled by the split of "unassigned"; answers the replica's cluster ("" without one).
    /// </summary>
    private async Task<string> PlaceAsync(string library, uint replicas)
    {
        await _world.UnassignedAsync(library, Points);
        await _world.StoreMapAsync(PlacementWorld.Map(library, 1, ("d0", Points, Primary)));
        await PolicyAsync(library, replicas, batchSize: 500);
        var plan = await PlanAsync(library);
        var applied = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = library, PlanId = plan.PlanId }).ResponseAsync.Within();
        var split = (await MigrationCalls.WatchToEndAsync(fixture.Client, Assert.Single(applied.MigrationOperationIds)))[^1].Migration;
        Assert.Equal((OperationState.Succeeded, (ulong)Points), (split.State, split.PointsCopied));
        var placement = plan.Placements.Single(p => p.DomainId == "d0");
        Assert.Equal(Primary, placement.Primary.Name);
        return placement.Replicas.Select(r => r.Name).SingleOrDefault() ?? "";
    }

    private async Task PolicyAsync(string library, uint replicas, uint batchSize) =>
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = library,
            Policy = new SpecializationPolicy { ReplicaCount = replicas, MigrationBatchSize = batchSize },
        }).ResponseAsync.Within();

    private async Task<PlacementPlan> PlanAsync(string library) =>
        (await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest
        {
            Library = library,
            Pins = { new DomainPin { DomainId = "d0", Cluster = new ClusterRef { Name = Primary } } },
        }).ResponseAsync.Within()).Plan;

    private static RouteEntry RouteOf(RoutingTable? table) => Assert.Single(Assert.IsType<RoutingTable>(table).Entries, e => e.DomainId == "d0");
}
