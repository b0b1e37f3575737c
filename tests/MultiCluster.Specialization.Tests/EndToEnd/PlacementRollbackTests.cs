using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>A specialization that cannot create every collection leaves nothing behind.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class PlacementRollbackTests(SpecializationFixture fixture)
{
    private const string Library = "plc-rollback";
    private readonly PlacementWorld _world = new(fixture);

    [Fact]
    public async Task SpecializeCluster_WithAClusterDown_DropsTheCollectionsItCreated_AndRoutesNothing()
    {
        await _world.UnassignedAsync(Library, 3);
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 2, ""), ("d1", 1, "")));
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest { Library = Library, Policy = new SpecializationPolicy { ReplicaCount = 2 } }).ResponseAsync.Within();
        var planned = await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest { Library = Library }).ResponseAsync.Within();
        Assert.All(planned.Plan.Placements.Where(p => p.DomainId != "unassigned"), p => Assert.Equal(2, p.Replicas.Count));

        fixture.ClusterProcess("local-c").Kill();
        Status status;
        try
        {
            status = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = planned.Plan.PlanId }));
        }
        finally
        {
            await fixture.ClusterProcess("local-c").StartAgainAsync().Within();
        }

        Assert.Equal(StatusCode.Unavailable, status.StatusCode);
        Assert.Contains("local-c", status.Detail, StringComparison.Ordinal);
        foreach (var name in SpecializationFixture.ClusterNames)
        {
            Assert.DoesNotContain(await fixture.Cluster(name).ListCollectionsAsync().Within(), c => c.StartsWith(Library + "__d", StringComparison.Ordinal));
        }

        Assert.Null(await _world.RoutingAsync(Library));
        Assert.Equal(0, await _world.CountAsync("SELECT count(*) FROM specializations WHERE library = @library", Library));
        Assert.Equal(0, await _world.CountAsync("SELECT count(*) FROM placements WHERE library = @library", Library));
    }
}
