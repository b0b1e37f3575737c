using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;
using MultiCluster.Orchestrator.Tests.EndToEnd.Search;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>DropLibrary announced by "library.dropped": Discovery and Specialization forget the library, so its name starts clean.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class DroppedLibraryTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task DropLibrary_MakesDiscoveryAndSpecializationForgetTheLibrary()
    {
        var routed = await RoutedLibrary.CreateAsync(mesh, "dl-forget");
        await routed.SettledAsync(mesh);

        await mesh.Client.DropLibraryAsync(new DropLibraryRequest { Name = routed.Name }).ResponseAsync.Within();

        await Eventually.TrueAsync(() => AnswersNotFoundAsync(mesh.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = routed.Name }).ResponseAsync),
            "Specialization to answer NOT_FOUND for the routing table of the dropped library");
        await Eventually.TrueAsync(() => AnswersNotFoundAsync(mesh.DiscoveryClient.GetDomainMapAsync(new GetDomainMapRequest { Library = routed.Name }).ResponseAsync),
            "Discovery to answer NOT_FOUND for the domain map of the dropped library");
        Assert.True(await AnswersNotFoundAsync(mesh.SpecializationClient.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = routed.Name }).ResponseAsync.Within()),
            "Specialization still knows placements or a map of the dropped library");
    }

    [Fact]
    public async Task ALibraryCreatedAgainAtOnceUnderTheSameName_RoutesOnlyToUnassigned_AndKeepsWhatItMakesAfterTheDrop()
    {
        var routed = await RoutedLibrary.CreateAsync(mesh, "dl-reborn");
        await routed.SettledAsync(mesh);

        // Created again before Discovery and Specialization have heard of the drop: the old table must not route it.
        await mesh.Client.DropLibraryAsync(new DropLibraryRequest { Name = routed.Name }).ResponseAsync.Within();
        await mesh.CreateAsync(routed.Name, RoutedLibrary.Dimension);
        await mesh.UpsertAsync(routed.Name, [IngestCalls.Point(1, RoutedLibrary.Blob(0, 1))], assignments: false);

        var decision = await mesh.RouteAsync(routed.Name, RoutedLibrary.Blob(0, 1));
        var status = await mesh.Client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = routed.Name }).ResponseAsync.Within();
        Assert.All(decision.Targets, t => Assert.Equal(LibraryName.Unassigned, t.DomainId));
        Assert.NotEmpty(decision.Targets);
        Assert.Equal((0ul, 0ul), (status.DomainMapVersion, status.RoutingVersion));
        await Eventually.TrueAsync(() => AnswersNotFoundAsync(mesh.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = routed.Name }).ResponseAsync),
            "Specialization to forget the routing table of the dropped library");

        // The new library's own map and placement are made after the drop: a late or repeated event leaves them.
        var again = await RoutedLibrary.CreateAsync(mesh, "dl-reborn");
        Assert.True(again.Table.Version > routed.Table.Version, $"the new table v{again.Table.Version} continues after the dropped v{routed.Table.Version}");
        await again.SettledAsync(mesh);
        var kept = await mesh.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = routed.Name }).ResponseAsync.Within();
        Assert.True(kept.Table.Version >= again.Table.Version);
    }

    private static async Task<bool> AnswersNotFoundAsync<T>(Task<T> call)
    {
        try
        {
            await call;
            return false;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return true;
        }
    }
}
