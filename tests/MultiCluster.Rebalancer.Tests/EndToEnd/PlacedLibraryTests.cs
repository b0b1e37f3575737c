using MultiCluster.Clusters;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>What the planning and moving tests start from: a library the real Discovery and Specialization placed.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class PlacedLibraryTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task A_placed_library_has_each_blob_in_its_own_domain_collection_on_a_cluster()
    {
        var library = await PlacedLibrary.CreateAsync(fixture, "placed-world", 120, 60, 30);

        Assert.Equal(3, library.Domains.Count());
        var sizes = new List<long>();
        foreach (var entry in library.Domains)
        {
            var primary = entry.WriteClusters[0].Name;
            sizes.Add(await fixture.Cluster(primary).CountAsync(entry.CollectionName));
        }

        Assert.Equal([30L, 60L, 120L], sizes.Order());
        Assert.Equal(library.DomainOfBlob(0), library.Domains.Select(e => e.DomainId).Single(d => library.Map.Domains.Single(m => m.DomainId == d).PointCount == 120));
        Assert.Equal(0, await fixture.Cluster("local-a").CountAsync(LibraryName.Collection(library.Name, LibraryName.Unassigned)));
    }
}
