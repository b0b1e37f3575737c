using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>"domains.discovered" published to the host's Redis, as Discovery's outbox relay would.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class PlacementEventTests(SpecializationFixture fixture)
{
    private readonly PlacementWorld _world = new(fixture);

    [Fact]
    public async Task DomainsDiscovered_StoresThePlansAndSpecializesTheMap_OnceUnderRedelivery()
    {
        const string Library = "plc-event";
        await _world.UnassignedAsync(Library, 12);
        var discovered = new DomainsDiscoveredEvent
        {
            Library = Library,
            MapVersion = 1,
            TotalPoints = 12,
            Domains =
            {
                new Domain { DomainId = "d0", PointCount = 6, ProposedCluster = new ClusterRef { Name = "local-b" } },
                new Domain { DomainId = "d1", PointCount = 6, ProposedCluster = new ClusterRef { Name = "local-c" } },
            },
        };

        await _world.PublishAsync(Topics.DomainsDiscovered, discovered);

        // Discovery is not running here, so the map is kept as the event told it; the dimension comes from "unassigned".
        var table = await Eventually.ValueAsync(() => _world.RoutingAsync(Library).GetAwaiter().GetResult(), t => t?.Entries.Count == 3, "the routing rows of d0, d1 and unassigned");
        foreach (var entry in table!.Entries.Where(e => e.DomainId != "unassigned"))
        {
            var info = await fixture.Cluster(entry.Primary.Name).DescribeCollectionAsync(entry.CollectionName).Within();
            Assert.Equal(PlacementWorld.Dimension, info.Spec.VectorSize);
        }

        await _world.PublishAsync(Topics.DomainsDiscovered, discovered);
        await _world.PublishAsync(Topics.DomainsDiscovered, new DomainsDiscoveredEvent { Library = "plc-event-marker", MapVersion = 1 });
        // The marker event comes after the redelivered one on the same stream: once it is stored, the redelivery was handled.
        await Eventually.TrueAsync(async () => await _world.CountAsync("SELECT count(*) FROM domain_maps WHERE library = @library", "plc-event-marker") == 1, "the marker event handled");
        Assert.Equal(1, await _world.CountAsync("SELECT count(*) FROM specializations WHERE library = @library", Library));
        Assert.Equal(1, await _world.CountAsync("SELECT count(*) FROM plans WHERE library = @library", Library));
        Assert.Equal(table.Version, (await _world.RoutingAsync(Library))!.Version);
        var status = await fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = Library }).ResponseAsync.Within();
        Assert.Equal(["d0", "d1", "unassigned"], status.Placements.Select(p => p.DomainId));
    }
}
