using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Distance = MultiCluster.Clusters.Distance;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>
/// A library whose domains the real services found and placed, for the tests of planning and moving: blobs of points
/// (one per domain, of the sizes asked, 4 dimensions, well apart) written to "{library}__unassigned" on the default
/// cluster as ingestion leaves a new library; a real Discovery k-means analysis publishing the map; a real
/// SpecializeCluster placing each domain (Discovery's size gates lowered for the library, so small, unequal domains publish); ready once Specialization's split has emptied "unassigned" into the domains.
/// </summary>
internal sealed record PlacedLibrary(string Name, DomainMap Map, RoutingTable Table)
{
    public const int Dimension = 4;

    public IEnumerable<RouteEntry> Domains => Table.Entries.Where(e => e.DomainId != LibraryName.Unassigned);

    /// <summary>The domain holding the blob of index <paramref name="blob"/> (the one whose centroid lies on its axis).</summary>
    public string DomainOfBlob(int blob) => Map.Domains.MaxBy(d => d.Centroid[blob % Dimension] * (blob < Dimension ? 1 : -1))!.DomainId;

    public RouteEntry Entry(string domainId) => Table.Entries.Single(e => e.DomainId == domainId);

    /// <summary>
    /// Writes one blob per entry of <paramref name="blobSizes"/> (at most 8: +axis then -axis), has Discovery find them
    /// and Specialization place and fill them.
    /// </summary>
    public static async Task<PlacedLibrary> CreateAsync(RebalancerFixture fixture, string name, params int[] blobSizes)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(blobSizes);
        var unassigned = LibraryName.Collection(name, LibraryName.Unassigned);
        var defaultCluster = fixture.Cluster(RebalancerFixture.ClusterNames[0]);
        await defaultCluster.CreateCollectionAsync(new CollectionSpec(unassigned, Dimension, Distance.Euclid)).Within();
        var points = blobSizes.SelectMany((size, blob) => Enumerable.Range(0, size).Select(i => Point(blob, i))).ToList();
        foreach (var batch in points.Chunk(500))
        {
            await defaultCluster.UpsertAsync(unassigned, batch).Within();
        }

        var placement = new LibraryPlacement(fixture.Discovery.CallInvoker, fixture.Specialization.CallInvoker);
        // Domains of unequal, small sizes are the point here: let Discovery publish them as found.
        await placement.AdmitSmallDomainsAsync(name);
        var map = await placement.AnalyzeAsync(LibraryPlacement.KMeans(name, (uint)blobSizes.Length, seed: 5));
        Assert.Equal(blobSizes.Length, map.Domains.Count);
        return new PlacedLibrary(name, map, await placement.PlaceAsync(name, map, split: true));
    }

    /// <summary>The routing table now (after moves).</summary>
    public async Task<RoutingTable> CurrentTableAsync(RebalancerFixture fixture) =>
        (await fixture.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = Name }).ResponseAsync.Within()).Table;

    private static PointRecord Point(int blob, int i)
    {
        var vector = new float[Dimension];
        for (var d = 0; d < Dimension; d++)
        {
            // Centres 20 from the origin on their own axis (+ for the first four blobs, - for the next four), spread 0.5.
            vector[d] = (d == blob % Dimension ? (blob < Dimension ? 20f : -20f) : 0f) + ((((i * 7) + (d * 3)) % 11 * 0.05f) - 0.25f);
        }

        return new PointRecord(((blob * 100_000) + i + 1).ToString(CultureInfo.InvariantCulture), vector);
    }
}
