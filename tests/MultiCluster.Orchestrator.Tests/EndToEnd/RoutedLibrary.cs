using System.Collections.Concurrent;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Caching;
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
    /// domain and "unassigned" is empty, so what a domain holds no longer changes under a test; the split's last phases
    /// are committed; and its last progress events have reached the Orchestrator. Each of those events ends every cached
    /// answer of the library (<see cref="ResultCache.LibraryRewrittenAsync"/>), and they travel through Specialization's
    /// outbox (polled every 500 ms), so one arriving late would end a cache hit a test counts on.
    /// </summary>
    public async Task SettledAsync(OrchestratorFixture mesh)
    {
        await ServedAsync(mesh, s => s.Domains.All(d => d.DomainId != LibraryName.Unassigned) && s.Domains.Sum(d => (long)d.PointCount) >= 300);
        await Eventually.TrueAsync(async () =>
            (await mesh.SpecializationClient.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = Name })).ActiveMigrations.Count == 0,
            $"the split of unassigned of {Name} to finish");
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(mesh.RedisConnectionString);
        async Task<long> LibraryWideGeneration() => (long)await redis.GetDatabase().HashGetAsync(ResultCache.GenerationsKey(Name), ResultCache.LibraryWide);
        var quiet = TimeSpan.FromSeconds(2);
        var seen = await LibraryWideGeneration();
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        for (var since = DateTime.UtcNow; DateTime.UtcNow - since < quiet; await Task.Delay(100))
        {
            var now = await LibraryWideGeneration();
            if (now != seen)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the result cache of {Name} was still being invalidated after {Bounded.Timeout.TotalSeconds} s");
                (seen, since) = (now, DateTime.UtcNow);
            }
        }
    }

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
    public Task<GetLibraryStatusResponse> ServedAsync(OrchestratorFixture mesh, Func<GetLibraryStatusResponse, bool>? also = null) =>
        Placement(mesh).ServedAsync(Name, Map, Table, also);

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
        var placement = Placement(mesh);
        var map = await placement.AnalyzeAsync(LibraryPlacement.KMeans(name, (uint)domains, (ulong)seed));
        Assert.True(map.Domains.Count >= 2, $"Discovery found {map.Domains.Count} domains in {name}");
        return new RoutedLibrary(name, map, await placement.PlaceAsync(name, map));
    }

    // A Fashion-MNIST analysis may take minutes on this machine; every other step the tests' bound.
    private static LibraryPlacement Placement(OrchestratorFixture mesh) =>
        new(mesh.Discovery.CallInvoker, mesh.Specialization.CallInvoker, mesh.Orchestrator.CallInvoker) { AnalysisBound = TimeSpan.FromMinutes(3) };
}
