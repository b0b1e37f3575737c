using System.Globalization;
using System.Text.Json.Nodes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

[Collection(SpecializationHostGroup.Name)]
public sealed class MigrationPauseTests(SpecializationFixture fixture)
{
    [Fact]
    public async Task APausedMove_KeepsItsCheckpointAndBothPlacesInRouting_AndOnResumeRepairsWhatChangedOnTheSourceMeanwhile()
    {
        const string library = "mig-pause";
        var collection = LibraryName.Collection(library, "d1");
        var source = fixture.Cluster("local-a");
        var points = MigrationFashionPoints.Read(2_000);
        await MigrationFashionPoints.WriteAsync(source, collection, points);
        var started = await MigrationCalls.StartAsync(fixture.Client, MigrationCalls.Move(library, "d1", "local-b", batchSize: 100, workers: 2, maxPointsPerSecond: 300));
        await Eventually.TrueAsync(async () => (await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, started.OperationId))?.BatchesDone >= 3, "three batches copied");

        var paused = (await fixture.Client.PauseMigrationAsync(new PauseMigrationRequest { OperationId = started.OperationId }).ResponseAsync.Within()).Status;
        var moving = Assert.Single((await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, library))!.Entries);
        // While paused, the source changes behind the copy's back (as a write that reached only the source would):
        // points already copied are deleted or rewritten, so the target holds extra and stale points.
        await source.DeleteAsync(collection, Ids(1, 10)).Within();
        await source.UpsertAsync(collection, Ids(11, 20).Select(id => new PointRecord(id, points[0].Vector, new JsonObject { ["label"] = 99 })).ToList()).Within();
        var stillPaused = await MigrationProbe.JobAsync(fixture.DatabaseConnectionString, started.OperationId);
        var resumed = (await fixture.Client.MigrateToSpecializationAsync(new MigrateToSpecializationRequest { ResumeOperationId = started.OperationId }).ResponseAsync.Within()).Status;
        var last = (await MigrationCalls.WatchToEndAsync(fixture.Client, started.OperationId))[^1].Migration;

        Assert.Equal(OperationState.Paused, paused.State);
        Assert.NotEmpty(paused.Checkpoint);
        Assert.True(paused.BatchesDone >= 3);
        Assert.True(moving.Migrating);
        Assert.Equal(["local-a", "local-b"], moving.ReadClusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal((OperationState.Paused, (long)paused.BatchesDone), (stillPaused!.Value.State, stillPaused.Value.BatchesDone));
        Assert.Equal(paused.Attempt + 1, resumed.Attempt);
        Assert.Equal(OperationState.Succeeded, last.State);
        var expected = await MigrationProbe.ScanAsync(fixture.Cluster("local-b"), collection);
        Assert.Equal(1_990, expected.Count);
        Assert.DoesNotContain("5", expected.Ids);
        Assert.Equal(last.Verification.SourceChecksum, expected.Digest);
        var relabelled = await fixture.Cluster("local-b").RetrieveAsync(collection, ["15"]).Within();
        Assert.Equal(99, (int)relabelled.Single().Payload!["label"]!);
        // The copy's digest no longer stood for the source, so the final check compared both whole.
        Assert.Null(await MigrationProbe.CopyDigestAsync(fixture.DatabaseConnectionString, started.OperationId));
    }

    private static List<string> Ids(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
}
