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
    public async Task AReplicaMadePrimaryByAPlan_IsPrimaryInRoutingWithoutACopy_AndTheOldPrimaryIsDroppedAsAReplica()
    {
        const string Library = "rep-promote";
        var collection = LibraryName.Collection(Library, "d0");
        var replica = await PlaceAsync(Library, replicas: 1);
        var before = await MigrationProbe.ScanAsync(fixture.Cluster(Primary), collection);

        await PolicyAsync(Library, replicas: 0, batchSize: 500);
        var plan = await PlanAsync(Library, primary: replica);
        var drop = Assert.Single(plan.Moves);
        Assert.Equal((Primary, (ClusterRef?)null), (drop.Source.Name, drop.Target));
        var applied = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = plan.PlanId }).ResponseAsync.Within();
        var last = (await MigrationCalls.WatchToEndAsync(fixture.Client, Assert.Single(applied.MigrationOperationIds)))[^1].Migration;

        Assert.Equal((OperationState.Succeeded, MigrationPhase.Completed, 0UL), (last.State, last.Phase, last.PointsCopied));
        var entry = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
        Assert.Equal((replica, false), (entry.Primary.Name, entry.Migrating));
        Assert.Equal([replica], entry.ReadClusters.Select(c => c.Name));
        Assert.Equal([replica], entry.WriteClusters.Select(c => c.Name));
        Assert.DoesNotContain(collection, await fixture.Cluster(Primary).ListCollectionsAsync().Within());
        var onNewPrimary = await MigrationProbe.ScanAsync(fixture.Cluster(replica), collection);
        Assert.Equal((before.Count, before.Digest), (onNewPrimary.Count, onNewPrimary.Digest));
    }

    [Fact]
    public async Task ANewPrimaryAndANewReplicaInOnePlan_CopyTheReplicaFromTheNewPrimary_AfterTheOldOneIsCleanedUp()
    {
        try
        {
            // local-b draining once d0 is placed there: the replica goes to the third cluster.
            var replica = await MoveThePrimaryAndAddAReplicaAsync("rep-both", drainOldPrimary: true);

            Assert.Equal("local-c", replica);
        }
        finally
        {
            await fixture.StartHostAsync();
        }
    }

    [Fact]
    public async Task ANewPrimaryWhoseOldOneThePlanKeepsAsAReplica_MovesThenCopiesBack_AsKeepSourceWouldLeaveThePrimaryWhereItWas()
    {
        var replica = await MoveThePrimaryAndAddAReplicaAsync("rep-swap", drainOldPrimary: false);

        Assert.Equal(Primary, replica);
    }

    /// <summary>
    /// d0 placed on <see cref="Primary"/> alone (draining then, when <paramref name="drainOldPrimary"/>), then one plan pins it to local-a with one replica: the move runs first,
    /// dropping d0 from <see cref="Primary"/>, then the replica's copy from local-a, the primary routing names when it
    /// starts. Answers the replica's cluster.
    /// </summary>
    private async Task<string> MoveThePrimaryAndAddAReplicaAsync(string library, bool drainOldPrimary)
    {
        const string NewPrimary = "local-a";
        var collection = LibraryName.Collection(library, "d0");
        await PlaceAsync(library, replicas: 0);
        if (drainOldPrimary)
        {
            await fixture.StartHostAsync(("CLUSTERS__LOCAL_B__DRAINING", "true"));
        }

        var before = await MigrationProbe.ScanAsync(fixture.Cluster(Primary), collection);

        await PolicyAsync(library, replicas: 1, batchSize: 500);
        var plan = await PlanAsync(library, NewPrimary);
        var replica = plan.Placements.Single(p => p.DomainId == "d0").Replicas.Single().Name;
        var applied = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = library, PlanId = plan.PlanId }).ResponseAsync.Within();
        var jobs = await Eventually.ValueAsync(
            () => MigrationProbe.MovesAsync(fixture.DatabaseConnectionString, library).GetAwaiter().GetResult(),
            j => j.Count == 2 && j.All(m => m.State is OperationState.Succeeded or OperationState.Failed), "the move and the replica's copy ended");

        Assert.Equal([(Primary, NewPrimary, false), (NewPrimary, replica, true)], plan.Moves.Select(m => (m.Source.Name, m.Target.Name, m.KeepSource)));
        Assert.Single(applied.MigrationOperationIds);
        Assert.Equal([(Primary, NewPrimary, OperationState.Succeeded), (NewPrimary, replica, OperationState.Succeeded)], jobs.Select(j => (j.Source, j.Target, j.State)));
        var entry = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, library));
        Assert.Equal((false, NewPrimary), (entry.Migrating, entry.Primary.Name));
        Assert.Equal(new[] { NewPrimary, replica }.Order(StringComparer.Ordinal), entry.ReadClusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (var holder in new[] { NewPrimary, replica })
        {
            var copy = await MigrationProbe.ScanAsync(fixture.Cluster(holder), collection);
            Assert.Equal((before.Count, before.Digest), (copy.Count, copy.Digest));
        }

        var specialization = await fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = library }).ResponseAsync.Within();
        Assert.Empty(specialization.ActiveMigrations);
        return replica;
    }

    [Fact]
    public async Task AReplicaDroppedWhileItsClusterIsDown_LeavesRoutingAtOnce_FreesTheDomain_AndDropsTheCollectionWhenTheClusterIsBack()
    {
        const string Library = "rep-down";
        var collection = LibraryName.Collection(Library, "d0");
        // Retries close together, so the job fails far more often than the 8 times that once paused it.
        await fixture.StartHostAsync(("Specialization__MigrationRetryDelayCap", "100ms"));
        var replica = await PlaceAsync(Library, replicas: 1);
        var third = SpecializationFixture.ClusterNames.Single(c => c != Primary && c != replica);
        var before = await MigrationProbe.ScanAsync(fixture.Cluster(Primary), collection);
        await PolicyAsync(Library, replicas: 0, batchSize: 500);
        var plan = await PlanAsync(Library);
        fixture.ClusterProcess(replica).Kill();
        var down = true;
        try
        {
            var applied = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = plan.PlanId }).ResponseAsync.Within();
            var drop = Assert.Single(applied.MigrationOperationIds);
            var unrouted = await Eventually.ValueAsync(
                () => RouteOf(MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library).GetAwaiter().GetResult()),
                e => e.ReadClusters.Count == 1, $"{replica} out of routing");
            var retried = await Eventually.ValueAsync(
                () => MigrationProbe.ErrorAsync(fixture.DatabaseConnectionString, drop).GetAwaiter().GetResult(),
                e => e is not null && FailuresIn(e) > 12, "the drop of the collection retried more than 12 times");
            var waiting = await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, drop);

            // Other changes of d0 go on meanwhile; only one that would put it back on the down cluster is refused.
            var backThere = await MigrationCalls.RefusedAsync(() => fixture.Client.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
            {
                Move = new DomainMove { Library = Library, DomainId = "d0", Target = new ClusterRef { Name = replica }, KeepSource = true },
            }).ResponseAsync);
            var copy = await MigrationCalls.StartAsync(fixture.Client, new MigrateToSpecializationRequest
            {
                Move = new DomainMove { Library = Library, DomainId = "d0", Target = new ClusterRef { Name = third }, KeepSource = true },
            });
            var copied = (await MigrationCalls.WatchToEndAsync(fixture.Client, copy.OperationId))[^1].Migration;
            var stillWaiting = await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, drop);
            await fixture.BringBackAsync(replica);
            down = false;
            var dropped = (await MigrationCalls.WatchToEndAsync(fixture.Client, drop))[^1].Migration;

            Assert.Equal([Primary], unrouted.ReadClusters.Select(c => c.Name));
            Assert.Equal([Primary], unrouted.WriteClusters.Select(c => c.Name));
            Assert.Equal((OperationState.Running, MigrationPhase.CleaningUp), (waiting!.Value.State, waiting.Value.Phase));
            Assert.Equal(replica, retried!.Cluster.Name);
            Assert.Contains("retried until the cluster answers", retried.Message, StringComparison.Ordinal);
            Assert.Equal(StatusCode.FailedPrecondition, backThere.StatusCode);
            Assert.StartsWith("move.target:", backThere.Status.Detail, StringComparison.Ordinal);
            Assert.Contains(drop, backThere.Status.Detail, StringComparison.Ordinal);
            Assert.Equal((OperationState.Succeeded, true), (copied.State, copied.Verification.Matched));
            Assert.Equal((OperationState.Running, MigrationPhase.CleaningUp), (stillWaiting!.Value.State, stillWaiting.Value.Phase));
            Assert.Equal((OperationState.Succeeded, MigrationPhase.Completed), (dropped.State, dropped.Phase));
            Assert.DoesNotContain(collection, await fixture.Cluster(replica).ListCollectionsAsync().Within());
            var entry = RouteOf(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
            Assert.Equal((Primary, false), (entry.Primary.Name, entry.Migrating));
            Assert.Equal(new[] { Primary, third }.Order(StringComparer.Ordinal), entry.ReadClusters.Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.Equal(before.Digest, (await MigrationProbe.ScanAsync(fixture.Cluster(third), collection)).Digest);
        }
        finally
        {
            if (down)
            {
                await fixture.BringBackAsync(replica);
            }

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

    private async Task<PlacementPlan> PlanAsync(string library, string primary = Primary) =>
        (await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest
        {
            Library = library,
            Pins = { new DomainPin { DomainId = "d0", Cluster = new ClusterRef { Name = primary } } },
        }).ResponseAsync.Within()).Plan;

    /// <summary>The failures in a row a retried step's error counts ("... failed 13 times in a row ...").</summary>
    private static int FailuresIn(OperationError error)
    {
        var match = System.Text.RegularExpressions.Regex.Match(error.Message, @"failed (\d+) times in a row");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static RouteEntry RouteOf(RoutingTable? table) => Assert.Single(Assert.IsType<RoutingTable>(table).Entries, e => e.DomainId == "d0");
}
