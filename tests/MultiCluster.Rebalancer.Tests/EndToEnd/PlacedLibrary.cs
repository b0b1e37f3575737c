using System.Globalization;
using Grpc.Core;
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

        var map = await AnalyzeAsync(fixture, name, blobSizes.Length);
        await fixture.SpecializationClient.SpecializeClusterAsync(new SpecializeClusterRequest { Library = name, DomainMapVersion = map.Version }).ResponseAsync.Within();
        RoutingTable? table = null;
        await Eventually.TrueAsync(async () =>
        {
            table = (await fixture.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = name }).ResponseAsync).Table;
            var status = await fixture.SpecializationClient.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = name }).ResponseAsync;
            return table.DomainMapVersion == map.Version && status.UnassignedPoints == 0 && status.ActiveMigrations.Count == 0
                && map.Domains.All(d => table.Entries.Any(e => e.DomainId == d.DomainId && e.WriteClusters.Count > 0 && !e.Migrating));
        }, $"Specialization to place every domain of {name} (map v{map.Version}) and empty its unassigned");
        return new PlacedLibrary(name, map, table!);
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

    // Discovery's scheduler may analyse a library of new points on its own, and one analysis per library runs at a
    // time: wait for that one to end rather than fail.
    private static async Task<DomainMap> AnalyzeAsync(RebalancerFixture fixture, string name, int domains)
    {
        // Domains of unequal, small sizes are the point here: let Discovery publish them as found.
        await fixture.DiscoveryClient.UpdateDomainThresholdsAsync(new UpdateDomainThresholdsRequest
        {
            Library = name,
            Thresholds = new DomainThresholds { MinDomainPoints = 1, MaxDomainShare = 1 },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "min_domain_points", "max_domain_share" } },
        }).ResponseAsync.Within();
        var request = new AnalyzeDomainsRequest
        {
            Library = name,
            Settings = new AnalysisSettings
            {
                Strategy = AnalysisStrategy.Kmeans,
                Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = (uint)domains, Seed = 5 } },
            },
        };
        AnalyzeDomainsResponse? started = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                started = await fixture.DiscoveryClient.AnalyzeDomainsAsync(request).ResponseAsync;
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return false;
            }
        }, $"Discovery to accept an analysis of {name}");
        using (var watch = fixture.DiscoveryClient.WatchAnalysis(new WatchAnalysisRequest { OperationId = started!.OperationId }, deadline: DateTime.UtcNow.Add(Bounded.Timeout)))
        {
            var terminal = false;
            while (!terminal && await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                terminal = watch.ResponseStream.Current.Progress.Terminal;
            }
        }

        var map = (await fixture.DiscoveryClient.GetDomainMapAsync(new GetDomainMapRequest { Library = name }).ResponseAsync.Within()).Map;
        Assert.Equal(domains, map.Domains.Count);
        return map;
    }
}
