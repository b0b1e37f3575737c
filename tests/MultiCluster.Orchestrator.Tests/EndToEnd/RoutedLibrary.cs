using System.Collections.Concurrent;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Tests.EndToEnd.Search;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>
/// A library routed by the real services: points in "unassigned", a real Discovery analysis (k-means) publishing the
/// map, a real SpecializeCluster placing its domains; ready once the Orchestrator serves that routing table and map.
/// Two shapes: <see cref="CreateAsync"/>, 300 points of three 4-dimensional blobs written through the Orchestrator
/// (cosine, k = 3: quick, and each blob its own domain), and <see cref="FashionAsync"/>, Fashion-MNIST images (euclid)
/// with the router calibrated.
/// </summary>
internal sealed record RoutedLibrary(string Name, DomainMap Map, RoutingTable Table)
{
    public const int Dimension = 4;

    private static readonly ConcurrentDictionary<string, Lazy<Task<RoutedLibrary>>> Built = new(StringComparer.Ordinal);

    public static float[] Blob(int blob, int i) =>
        [.. Enumerable.Range(0, Dimension).Select(d => (d == blob ? 1f : 0.05f) + (((i * 7) + (d * 3)) % 11 * 0.01f))];

    public RouteEntry Entry(string domainId) => Table.Entries.Single(e => e.DomainId == domainId);

    public IEnumerable<RouteEntry> Domains => Table.Entries.Where(e => e.DomainId != LibraryName.Unassigned);

    /// <summary>The domain the Orchestrator routes <paramref name="vector"/> to first (Discovery's assignment rule).</summary>
    public string NearestDomain(float[] vector) => CentroidScores.Nearest(Map, vector)!;

    /// <summary>Three blobs of 100 points each, written through the Orchestrator, found as three domains.</summary>
    public static async Task<RoutedLibrary> CreateAsync(OrchestratorFixture mesh, string name)
    {
        await mesh.CreateAsync(name, Dimension);
        await mesh.UpsertAsync(name, Enumerable.Range(0, 300).Select(i => Point(i + 1, Blob(i % 3, i))), assignments: false);
        var routed = await PlaceAsync(mesh, name, domains: 3, seed: 5);
        Assert.Equal(3, routed.Map.Domains.Count);
        await routed.ServedAsync(mesh);
        return routed;
    }

    /// <summary>
    /// The blob library of this name once settled (see <see cref="SettledAsync"/>), built by the first test that asks
    /// and shared by the others (one mesh per run).
    /// </summary>
    public static Task<RoutedLibrary> SharedAsync(OrchestratorFixture mesh, string name) =>
        Built.GetOrAdd(name, _ => new Lazy<Task<RoutedLibrary>>(async () =>
        {
            var library = await CreateAsync(mesh, name);
            await library.SettledAsync(mesh);
            return library;
        })).Value;

    /// <summary>
    /// Waits until Specialization's split of "unassigned" is over: every point of <see cref="CreateAsync"/> is in its
    /// domain and "unassigned" is empty, so what a domain holds no longer changes under a test.
    /// </summary>
    public Task SettledAsync(OrchestratorFixture mesh) =>
        ServedAsync(mesh, s => s.Domains.All(d => d.DomainId != LibraryName.Unassigned) && s.Domains.Sum(d => (long)d.PointCount) >= 300);

    /// <summary>
    /// The first <paramref name="points"/> Fashion-MNIST train images, written to "unassigned" as a new library holds
    /// them, analysed into <paramref name="domains"/> domains and placed, then each point moved to its nearest domain's
    /// copies and removed from "unassigned" (what the split of unassigned does), and the router calibrated.
    /// </summary>
    public static async Task<RoutedLibrary> FashionAsync(OrchestratorFixture mesh, string name, int points, int domains)
    {
        await mesh.CreateAsync(name, FashionImages.Dimension, Contracts.V1.Distance.Euclid);
        var records = FashionImages.Train(points);
        var unassigned = LibraryName.Collection(name, LibraryName.Unassigned);
        foreach (var batch in records.Chunk(500))
        {
            await mesh.Cluster("local-a").UpsertAsync(unassigned, batch).Within();
        }

        var routed = await PlaceAsync(mesh, name, domains, seed: 3);
        foreach (var group in records.GroupBy(p => routed.NearestDomain(p.Vector)))
        {
            var entry = routed.Entry(group.Key);
            foreach (var copy in entry.WriteClusters)
            {
                foreach (var batch in group.Chunk(500))
                {
                    await mesh.Cluster(copy.Name).UpsertAsync(entry.CollectionName, batch).Within();
                }
            }
        }

        foreach (var batch in records.Chunk(1000))
        {
            await mesh.Cluster("local-a").DeleteAsync(unassigned, [.. batch.Select(p => p.Id)]).Within();
        }

        await routed.CalibratedAsync(mesh, records[0].Vector);
        return routed;
    }

    /// <summary>Waits until the Orchestrator routes by this table's version (or a later one) and map.</summary>
    public async Task<GetLibraryStatusResponse> ServedAsync(OrchestratorFixture mesh, Func<GetLibraryStatusResponse, bool>? also = null)
    {
        GetLibraryStatusResponse? status = null;
        await Eventually.TrueAsync(async () =>
        {
            status = await mesh.Client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = Name }).ResponseAsync;
            return status.RoutingVersion >= Table.Version && status.DomainMapVersion == Map.Version && (also?.Invoke(status) ?? true);
        }, $"the Orchestrator to route {Name} by table v{Table.Version} and map v{Map.Version}");
        return status!;
    }

    /// <summary>
    /// Waits until the router of this library routes by a margin calibrated on this map (RoutingCalibrator runs in the
    /// background). Setting the recall target wakes the calibrator; the explanation says when the calibrated margin is in use.
    /// </summary>
    public async Task CalibratedAsync(OrchestratorFixture mesh, float[] probe)
    {
        await mesh.SetRoutingAsync(Name, new RoutingSettings { RecallTarget = 0.99 }, "recall_target");
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                var decision = (await mesh.Client.RouteQueryAsync(new RouteQueryRequest { Library = Name, Vector = { probe } })).Decision;
                return decision.DomainMapVersion == Map.Version && decision.Explanation.Contains("calibrated margin", StringComparison.Ordinal);
            }, $"the router of {Name} to use a margin calibrated on map v{Map.Version}");
        }
        catch (TimeoutException e)
        {
            // What the calibrator said, so a failure tells why.
            var said = mesh.Orchestrator.Log.Split('\n').Where(l => l.Contains("calibrat", StringComparison.OrdinalIgnoreCase)).TakeLast(10);
            throw new TimeoutException(e.Message + " The calibrator logged: " + string.Join(" / ", said), e);
        }
    }

    // Discovery's k-means analysis of what the library holds, then Specialization's placement of every domain found.
    internal static async Task<RoutedLibrary> PlaceAsync(OrchestratorFixture mesh, string name, int domains, int seed)
    {
        var started = await AnalyzeAsync(mesh, new AnalyzeDomainsRequest
        {
            Library = name,
            Settings = new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans, Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = (uint)domains, Seed = (ulong)seed } } },
        });
        using (var watch = mesh.DiscoveryClient.WatchAnalysis(new WatchAnalysisRequest { OperationId = started.OperationId }, deadline: DateTime.UtcNow.AddMinutes(3)))
        {
            var terminal = false;
            while (!terminal && await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                terminal = watch.ResponseStream.Current.Progress.Terminal;
            }
        }

        var map = (await mesh.DiscoveryClient.GetDomainMapAsync(new GetDomainMapRequest { Library = name }).ResponseAsync.Within()).Map;
        Assert.True(map.Domains.Count >= 2, $"Discovery found {map.Domains.Count} domains in {name}");
        await mesh.SpecializationClient.SpecializeClusterAsync(new SpecializeClusterRequest { Library = name, DomainMapVersion = map.Version }).ResponseAsync.Within();
        RoutingTable? table = null;
        await Eventually.TrueAsync(async () =>
        {
            table = (await mesh.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = name }).ResponseAsync).Table;
            return table.DomainMapVersion == map.Version && map.Domains.All(d => table.Entries.Any(e => e.DomainId == d.DomainId && e.WriteClusters.Count > 0 && !e.Migrating));
        }, $"the routing table of {name} to place every domain of map v{map.Version}");
        return new RoutedLibrary(name, map, table!);
    }

    // Discovery's scheduler analyses a library of new points on its own, and one analysis per library runs at a time:
    // wait for that one to end rather than fail.
    private static async Task<AnalyzeDomainsResponse> AnalyzeAsync(OrchestratorFixture mesh, AnalyzeDomainsRequest request)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (true)
        {
            try
            {
                return await mesh.DiscoveryClient.AnalyzeDomainsAsync(request).ResponseAsync.Within();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
