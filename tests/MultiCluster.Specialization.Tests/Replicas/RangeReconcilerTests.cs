using System.Text.Json.Nodes;
using MultiCluster.Clusters;
using MultiCluster.Specialization.Tests.EndToEnd;
using MultiCluster.Specialization.Verification;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.Replicas;

/// <summary>
/// The reconciler against real LocalCluster processes: local-a holds the source, local-b the target (for the per-batch
/// check of a migration, the target the batch was just written to).
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class RangeReconcilerTests(SpecializationFixture fixture)
{
    private const string Library = "reconcile";
    private static readonly string[] Uuids = ["0b7c1e8a-3d52-4f6e-9a01-2c3d4e5f6a7b", "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"];

    private IVectorCluster Source => fixture.Cluster("local-a");

    private IVectorCluster Target => fixture.Cluster("local-b");

    [Fact]
    public async Task AReplicaWithMissingStaleAndExtraPoints_IsMadeEqualToItsSource()
    {
        var collection = LibraryName.Collection(Library, "mixed");
        var ids = TestPoints.Ids(1, 1000).Concat(Uuids).ToList();
        await TestPoints.CreateAsync(Source, collection, ids.Select(id => TestPoints.Make(id)));
        var missing = new[] { "1", "250", "251", "999", Uuids[1] };
        var stale = new[] { "2", "600", Uuids[0] };
        var extra = new[] { "0", "5000", "00000000-0000-4000-8000-000000000001" };
        await TestPoints.CreateAsync(Target, collection, ids.Except(missing)
            .Select(id => TestPoints.Make(id, stale.Contains(id) ? 1 : 0))
            .Concat(extra.Select(id => TestPoints.Make(id))));

        var report = await new RangeReconciler(100).ReconcileAsync(Source, Target, collection, dryRun: false, CancellationToken.None).Within();

        Assert.Equal((missing.Length, stale.Length, extra.Length), ((int)report.Missing, (int)report.Stale, (int)report.Extra));
        Assert.Equal(ids.Count, report.SourceCount);
        Assert.Equal(ids.Count - missing.Length + extra.Length, report.TargetCount);
        Assert.Equal(await TestPoints.DigestAsync(Source, collection), await TestPoints.DigestAsync(Target, collection));
        Assert.True((await new RangeReconciler(100).ReconcileAsync(Source, Target, collection, dryRun: false, CancellationToken.None).Within()).InSync);
    }

    [Fact]
    public async Task OnlyTheRangesThatDiffer_GetPointLevelWork()
    {
        var collection = LibraryName.Collection(Library, "ranges");
        var points = TestPoints.Ids(1, 2000).Select(id => TestPoints.Make(id)).ToList();
        await TestPoints.CreateAsync(Source, collection, points);
        await TestPoints.CreateAsync(Target, collection, points.Where(p => p.Id != "1500"));

        var report = await new RangeReconciler(100).ReconcileAsync(Source, Target, collection, dryRun: false, CancellationToken.None).Within();

        Assert.Equal(20, report.RangesCompared);
        Assert.Equal(1, report.RangesDiffering);
        Assert.Equal(1, report.Missing);
        Assert.Equal(2000, await Target.CountAsync(collection).Within());
    }

    [Fact]
    public async Task AnEmptyReplica_ReceivesEveryPoint()
    {
        var collection = LibraryName.Collection(Library, "empty");
        await TestPoints.CreateAsync(Source, collection, TestPoints.Ids(1, 750).Select(id => TestPoints.Make(id)));
        await TestPoints.CreateAsync(Target, collection, []);

        var report = await new RangeReconciler(200).ReconcileAsync(Source, Target, collection, dryRun: false, CancellationToken.None).Within();

        Assert.Equal((750L, 0L, 0L), (report.Missing, report.Stale, report.Extra));
        Assert.Equal(await TestPoints.DigestAsync(Source, collection), await TestPoints.DigestAsync(Target, collection));
    }

    [Fact]
    public async Task AnEmptySource_LeavesTheReplicaEmpty()
    {
        var collection = LibraryName.Collection(Library, "drained");
        await TestPoints.CreateAsync(Source, collection, []);
        await TestPoints.CreateAsync(Target, collection, TestPoints.Ids(1, 450).Select(id => TestPoints.Make(id)));

        var report = await new RangeReconciler(200).ReconcileAsync(Source, Target, collection, dryRun: false, CancellationToken.None).Within();

        Assert.Equal(450, report.Extra);
        Assert.Equal(0, await Target.CountAsync(collection).Within());
    }

    [Fact]
    public async Task ADryRun_ReportsWithoutWriting_AndTakesAMissingCollectionAsEmpty()
    {
        var collection = LibraryName.Collection(Library, "dry");
        await TestPoints.CreateAsync(Source, collection, TestPoints.Ids(1, 300).Select(id => TestPoints.Make(id)));
        await TestPoints.CreateAsync(Target, collection, TestPoints.Ids(1, 290).Select(id => TestPoints.Make(id)));
        var absent = LibraryName.Collection(Library, "absent");
        await TestPoints.CreateAsync(Source, absent, TestPoints.Ids(1, 10).Select(id => TestPoints.Make(id)));
        await Target.DropCollectionAsync(absent).Within();

        var report = await new RangeReconciler().ReconcileAsync(Source, Target, collection, dryRun: true, CancellationToken.None).Within();
        var toAbsent = await new RangeReconciler().ReconcileAsync(Source, Target, absent, dryRun: true, CancellationToken.None).Within();

        Assert.Equal(10, report.Missing);
        Assert.True(report.DryRun);
        Assert.Equal(290, await Target.CountAsync(collection).Within());
        Assert.Equal(10, toAbsent.Missing);
        Assert.DoesNotContain(absent, await Target.ListCollectionsAsync().Within());
    }

    [Fact]
    public async Task ABatchWrittenIntact_IsMatchedWithoutRepair_AndItsDigestIsTheBatchs()
    {
        var collection = LibraryName.Collection(Library, "intact");
        var batch = TestPoints.Ids(1, 200).Select(id => TestPoints.Make(id)).ToList();
        await TestPoints.CreateAsync(Source, collection, batch);
        await TestPoints.CreateAsync(Target, collection, batch);

        var check = await RangeReconciler.CheckBatchAsync(Source, Target, collection, batch, CancellationToken.None).Within();

        Assert.True(check.Matched);
        Assert.Equal(0, check.Repaired);
        Assert.Equal(Digest(batch), check.Held.Hex);
    }

    [Fact]
    public async Task ACorruptedTargetBatch_IsDetectedAndRepairedFromTheSource()
    {
        var collection = LibraryName.Collection(Library, "corrupted");
        var batch = TestPoints.Ids(1, 200).Select(id => TestPoints.Make(id)).ToList();
        await TestPoints.CreateAsync(Source, collection, batch);
        // What the target holds after the write: one point lost, one with another vector, one with another payload.
        var corrupted = batch.Where(p => p.Id != "7").Select(p => p.Id switch
        {
            "50" => TestPoints.Make("50", version: 3),
            "120" => new PointRecord("120", p.Vector, new JsonObject { ["label"] = "garbled" }),
            _ => p,
        });
        await TestPoints.CreateAsync(Target, collection, corrupted);

        var check = await RangeReconciler.CheckBatchAsync(Source, Target, collection, batch, CancellationToken.None).Within();

        Assert.True(check.Matched);
        Assert.Equal(3, check.Repaired);
        Assert.Equal(Digest(batch), check.Held.Hex);
        Assert.Equal(await TestPoints.DigestAsync(Source, collection), await TestPoints.DigestAsync(Target, collection));
    }

    [Fact]
    public async Task ABatchTheSourceChangedAfterItWasRead_PassesItsCheck_ButItsDigestNoLongerMatchesTheSource()
    {
        var collection = LibraryName.Collection(Library, "changed");
        var read = TestPoints.Ids(1, 100).Select(id => TestPoints.Make(id)).ToList();
        // Since the page was read, the source alone changed (point 10 rewritten, point 20 deleted). The batch check
        // reads back the target, not the source again: the final check sees it, through the digest the check returns.
        await TestPoints.CreateAsync(Source, collection, read.Where(p => p.Id != "20").Select(p => p.Id == "10" ? TestPoints.Make("10", version: 1) : p));
        await TestPoints.CreateAsync(Target, collection, read);

        var check = await RangeReconciler.CheckBatchAsync(Source, Target, collection, read, CancellationToken.None).Within();

        Assert.True(check.Matched);
        Assert.Equal(0, check.Repaired);
        Assert.Equal(Digest(read), check.Held.Hex);
        Assert.NotEqual((await TestPoints.DigestAsync(Source, collection)).Digest, check.Held.Hex);
    }

    private static string Digest(IEnumerable<PointRecord> points)
    {
        var digest = new PointDigest();
        digest.AddRange(points);
        return digest.Hex;
    }
}
