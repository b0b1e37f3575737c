using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

[Collection(SpecializationHostGroup.Name)]
public sealed class MigrationTests(SpecializationFixture fixture)
{
    [Fact]
    public async Task Move_CopiesVerifiesFlipsRoutingToTheTarget_AndDropsTheSource()
    {
        const string library = "mig-move";
        var (collection, before) = await SeedAsync(library, 1_500);

        var started = await MigrationCalls.StartAsync(fixture.Client, MigrationCalls.Move(library, "d1", "local-b", batchSize: 200, workers: 3));
        var watched = await MigrationCalls.WatchToEndAsync(fixture.Client, started.OperationId);

        var last = watched[^1];
        Assert.Equal(OperationState.Succeeded, last.Migration.State);
        Assert.True(last.Progress.Terminal);
        Assert.Equal("completed", last.Progress.Phase);
        Assert.Equal(("local-a", 1_500UL, 8UL), (last.Migration.Move.Source.Name, last.Migration.PointsCopied, last.Migration.BatchesDone));
        Assert.True(last.Migration.Verification.Matched);
        Assert.Equal(before.Digest, last.Migration.Verification.TargetChecksum);
        Assert.Equal(before.Digest, await MigrationProbe.CopyDigestAsync(fixture.DatabaseConnectionString, started.OperationId));
        var after = await MigrationProbe.ScanAsync(fixture.Cluster("local-b"), collection);
        Assert.Equal((before.Count, before.Digest), (after.Count, after.Digest));
        Assert.DoesNotContain(collection, await fixture.Cluster("local-a").ListCollectionsAsync().Within());
        var entry = Assert.Single((await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, library))!.Entries);
        Assert.Equal(("local-b", false), (entry.Primary.Name, entry.Migrating));
        Assert.Equal(["local-b"], entry.ReadClusters.Select(c => c.Name));
        Assert.Equal(["local-b"], entry.WriteClusters.Select(c => c.Name));
    }

    [Fact]
    public async Task AMoveThatKeepsItsSource_MakesTheTargetAReplica_WrittenWhileCopied_ReadOnceVerified_ThePrimaryStayingWhereItWas()
    {
        const string library = "mig-keep";
        var (collection, before) = await SeedAsync(library, 600);
        var request = MigrationCalls.Move(library, "d1", "local-c", batchSize: 100, maxPointsPerSecond: 200);
        request.Move.KeepSource = true;

        var started = await MigrationCalls.StartAsync(fixture.Client, request);
        await Eventually.TrueAsync(async () => (await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, started.OperationId))?.BatchesDone >= 1, "a batch copied");
        await fixture.Client.PauseMigrationAsync(new PauseMigrationRequest { OperationId = started.OperationId }).ResponseAsync.Within();
        var copying = Assert.Single((await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, library))!.Entries);
        await fixture.Client.MigrateToSpecializationAsync(new MigrateToSpecializationRequest { ResumeOperationId = started.OperationId }).ResponseAsync.Within();
        var watched = await MigrationCalls.WatchToEndAsync(fixture.Client, started.OperationId);

        // While it copies, the target is written but not read: no reader sees a copy not yet verified.
        Assert.Equal(("local-a", true), (copying.Primary.Name, copying.Migrating));
        Assert.Equal(["local-a"], copying.ReadClusters.Select(c => c.Name));
        Assert.Equal(["local-a", "local-c"], copying.WriteClusters.Select(c => c.Name));

        var last = watched[^1].Migration;
        Assert.Equal((OperationState.Succeeded, true), (last.State, last.Verification.Matched));
        Assert.Equal(("local-a", "local-c", true), (last.Move.Source.Name, last.Move.Target.Name, last.Move.KeepSource));
        // Nothing to clean: the source keeps its copy and its role.
        Assert.DoesNotContain(watched, w => w.Migration.Phase == MigrationPhase.CleaningUp);
        var entry = Assert.Single((await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, library))!.Entries);
        Assert.Equal(("local-a", false), (entry.Primary.Name, entry.Migrating));
        Assert.Equal(["local-a", "local-c"], entry.ReadClusters.Select(c => c.Name));
        Assert.Equal(["local-a", "local-c"], entry.WriteClusters.Select(c => c.Name));
        var onSource = await MigrationProbe.ScanAsync(fixture.Cluster("local-a"), collection);
        var onTarget = await MigrationProbe.ScanAsync(fixture.Cluster("local-c"), collection);
        Assert.Equal((before.Count, before.Digest), (onSource.Count, onSource.Digest));
        Assert.Equal((before.Count, before.Digest), (onTarget.Count, onTarget.Digest));
    }

    [Fact]
    public async Task Move_OfACosineDomain_VerifiesWithEqualChecksums()
    {
        const string library = "mig-cosine";
        var collection = LibraryName.Collection(library, "d1");
        var random = new Random(5);
        var points = Enumerable.Range(1, 600).Select(i => new PointRecord(
            i.ToString(CultureInfo.InvariantCulture),
            Enumerable.Range(0, 32).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray(),
            new JsonObject { ["n"] = i, ["tag"] = i % 2 == 0 ? "even" : "odd" })).ToList();
        await fixture.Cluster("local-a").CreateCollectionAsync(new CollectionSpec(collection, 32, MultiCluster.Clusters.Distance.Cosine)).Within();
        await fixture.Cluster("local-a").UpsertAsync(collection, points).Within();
        var before = await MigrationProbe.ScanAsync(fixture.Cluster("local-a"), collection);

        var started = await MigrationCalls.StartAsync(fixture.Client, MigrationCalls.Move(library, "d1", "local-c", batchSize: 100, workers: 4));
        var last = (await MigrationCalls.WatchToEndAsync(fixture.Client, started.OperationId))[^1].Migration;

        Assert.Equal(OperationState.Succeeded, last.State);
        Assert.True(last.Verification.Matched);
        Assert.NotEmpty(last.Verification.SourceChecksum);
        Assert.Equal(last.Verification.SourceChecksum, last.Verification.TargetChecksum);
        Assert.Equal(before.Digest, (await MigrationProbe.ScanAsync(fixture.Cluster("local-c"), collection)).Digest);
    }

    [Fact]
    public async Task AnEndedMigration_CannotBeCancelled_PauseReturnsItsStatus_AndUnknownIdsAreNotFound()
    {
        const string library = "mig-ended";
        var collection = LibraryName.Collection(library, "d1");
        await MigrationFashionPoints.WriteAsync(fixture.Cluster("local-a"), collection, MigrationFashionPoints.Read(200));
        var started = await MigrationCalls.StartAsync(fixture.Client, MigrationCalls.Move(library, "d1", "local-b"));
        await MigrationCalls.WatchToEndAsync(fixture.Client, started.OperationId);

        var cancel = await MigrationCalls.RefusedAsync(() => fixture.Client.CancelMigrationAsync(new CancelMigrationRequest { OperationId = started.OperationId }).ResponseAsync);
        var paused = await fixture.Client.PauseMigrationAsync(new PauseMigrationRequest { OperationId = started.OperationId }).ResponseAsync.Within();
        var unknown = await MigrationCalls.RefusedAsync(() => MigrationCalls.WatchToEndAsync(fixture.Client, "no-such-operation"));

        Assert.Equal(StatusCode.FailedPrecondition, cancel.StatusCode);
        Assert.StartsWith("operation_id:", cancel.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(OperationState.Succeeded, paused.Status.State);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("operation_id:", unknown.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>Domain d1 of <paramref name="library"/> on local-a with Fashion-MNIST points; its collection and what it holds.</summary>
    private async Task<(string Collection, (HashSet<string> Ids, string Digest, long Count) Before)> SeedAsync(string library, int points)
    {
        var collection = LibraryName.Collection(library, "d1");
        await MigrationFashionPoints.WriteAsync(fixture.Cluster("local-a"), collection, MigrationFashionPoints.Read(points));
        return (collection, await MigrationProbe.ScanAsync(fixture.Cluster("local-a"), collection));
    }
}
