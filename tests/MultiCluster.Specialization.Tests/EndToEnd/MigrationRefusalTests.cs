using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

[Collection(SpecializationHostGroup.Name)]
public sealed class MigrationRefusalTests(SpecializationFixture fixture)
{
    private const string Library = "mig-refuse";

    public static TheoryData<string, MigrateToSpecializationRequest, StatusCode, string> BadMoves => new()
    {
        { "unknown target", MigrationCalls.Move(Library, "d1", "local-z"), StatusCode.NotFound, "move.target:" },
        { "unknown source", WithSource(MigrationCalls.Move(Library, "d1", "local-b"), "local-z"), StatusCode.NotFound, "move.source:" },
        { "unknown domain", MigrationCalls.Move(Library, "d9", "local-b"), StatusCode.NotFound, "move.domain_id:" },
        { "unknown library", MigrationCalls.Move("mig-nothing", "d1", "local-b"), StatusCode.NotFound, "move.domain_id:" },
        { "source is target", MigrationCalls.Move(Library, "d1", "local-a"), StatusCode.InvalidArgument, "move.target:" },
        { "batch too large", MigrationCalls.Move(Library, "d1", "local-b", batchSize: 10_001), StatusCode.InvalidArgument, "batch_size:" },
        { "too many workers", MigrationCalls.Move(Library, "d1", "local-b", workers: 17), StatusCode.InvalidArgument, "workers:" },
        { "bad library name", MigrationCalls.Move("Bad Name", "d1", "local-b"), StatusCode.InvalidArgument, "move.library:" },
        { "no move", new MigrateToSpecializationRequest(), StatusCode.InvalidArgument, "move:" },
    };

    [Theory]
    [MemberData(nameof(BadMoves))]
    public async Task ABadMove_IsRefusedWithItsField_AndLeavesNothingBehind(string why, MigrateToSpecializationRequest request, StatusCode expected, string field)
    {
        await EnsureDomainAsync();

        var refused = await MigrationCalls.RefusedAsync(() => fixture.Client.MigrateToSpecializationAsync(request).ResponseAsync);

        Assert.True(expected == refused.StatusCode, $"{why}: {refused.StatusCode} {refused.Status.Detail}");
        Assert.StartsWith(field, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await MigrationProbe.JobCountAsync(fixture.DatabaseConnectionString, Library));
        Assert.Null(await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, Library));
        Assert.DoesNotContain(LibraryName.Collection(Library, "d1"), await fixture.Cluster("local-b").ListCollectionsAsync().Within());
    }

    [Fact]
    public async Task ADrainingTarget_IsAFailedPrecondition_AndOneWithoutRoom_IsResourceExhaustedNamingBothNumbers()
    {
        await EnsureDomainAsync();
        try
        {
            // Cluster settings come from the environment at start (run-time changes are off in the fixture's host).
            await fixture.StartHostAsync(("CLUSTERS__LOCAL_C__DRAINING", "true"));
            var draining = await MigrationCalls.RefusedAsync(() => fixture.Client.MigrateToSpecializationAsync(MigrationCalls.Move(Library, "d1", "local-c")).ResponseAsync);
            await fixture.StartHostAsync(("CLUSTERS__LOCAL_C__CAPACITY_POINTS", "100"));
            var full = await MigrationCalls.RefusedAsync(() => fixture.Client.MigrateToSpecializationAsync(MigrationCalls.Move(Library, "d1", "local-c")).ResponseAsync);

            Assert.Equal(StatusCode.FailedPrecondition, draining.StatusCode);
            Assert.StartsWith("move.target:", draining.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("draining", draining.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
            Assert.StartsWith("move.target:", full.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("300", full.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("100", full.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(0, await MigrationProbe.JobCountAsync(fixture.DatabaseConnectionString, Library));
        }
        finally
        {
            await fixture.StartHostAsync();
        }
    }

    [Fact]
    public async Task ASecondMoveOfTheDomain_IsRefusedNamingTheFirst_TheSameRequestIdReturnsTheFirst_AndCancelRollsBack()
    {
        const string library = "mig-second";
        var collection = LibraryName.Collection(library, "d1");
        await MigrationFashionPoints.WriteAsync(fixture.Cluster("local-a"), collection, MigrationFashionPoints.Read(2_000));
        var slow = MigrationCalls.Move(library, "d1", "local-b", batchSize: 50, maxPointsPerSecond: 100, requestId: "first");

        var first = await MigrationCalls.StartAsync(fixture.Client, slow);
        var again = await MigrationCalls.StartAsync(fixture.Client, slow);
        var second = await MigrationCalls.RefusedAsync(() => fixture.Client.MigrateToSpecializationAsync(MigrationCalls.Move(library, "d1", "local-c")).ResponseAsync);
        var cancelled = (await fixture.Client.CancelMigrationAsync(new CancelMigrationRequest { OperationId = first.OperationId }).ResponseAsync.Within()).Status;

        Assert.Equal(first.OperationId, again.OperationId);
        Assert.Equal(StatusCode.FailedPrecondition, second.StatusCode);
        Assert.StartsWith("move.domain_id:", second.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(first.OperationId, second.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(OperationState.Cancelled, cancelled.State);
        var entry = Assert.Single((await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, library))!.Entries);
        Assert.Equal((false, "local-a"), (entry.Migrating, entry.Primary.Name));
        Assert.Equal(["local-a"], entry.ReadClusters.Concat(entry.WriteClusters).Select(c => c.Name).Distinct());
        Assert.DoesNotContain(collection, await fixture.Cluster("local-b").ListCollectionsAsync().Within());
        Assert.Equal(2_000, await fixture.Cluster("local-a").CountAsync(collection).Within());
    }

    private static MigrateToSpecializationRequest WithSource(MigrateToSpecializationRequest request, string source)
    {
        request.Move.Source = new ClusterRef { Name = source };
        return request;
    }

    private async Task EnsureDomainAsync()
    {
        var cluster = fixture.Cluster("local-a");
        var collection = LibraryName.Collection(Library, "d1");
        if (!(await cluster.ListCollectionsAsync().Within()).Contains(collection))
        {
            await MigrationFashionPoints.WriteAsync(cluster, collection, MigrationFashionPoints.Read(300));
        }
    }
}
