using System.Text.Json.Nodes;
using MultiCluster.Clusters;
using MultiCluster.Specialization.Tests.EndToEnd;
using MultiCluster.Specialization.Verification;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.Replicas;

/// <summary>
/// A migration's per-batch check (<see cref="RangeReconciler.CheckBatchAsync"/>) against real LocalCluster processes:
/// local-a holds the source, local-b the target the batch was just written to.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class BatchCheckTests(SpecializationFixture fixture)
{
    private const string Library = "batch-check";

    private IVectorCluster Source => fixture.Cluster("local-a");

    private IVectorCluster Target => fixture.Cluster("local-b");

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
