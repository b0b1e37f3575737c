using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;

/// <summary>
/// A library routed by the real services: points of three blobs written through the Orchestrator (into
/// "unassigned"), a real Discovery analysis (k-means, k = 3) publishing the map, a real SpecializeCluster placing its
/// domains; ready once the Orchestrator serves that routing table and map.
/// </summary>
internal sealed record RoutedLibrary(string Name, DomainMap Map, RoutingTable Table)
{
    public const int Dimension = 4;

    public static float[] Blob(int blob, int i) =>
        [.. Enumerable.Range(0, Dimension).Select(d => (d == blob ? 1f : 0.05f) + (((i * 7) + (d * 3)) % 11 * 0.01f))];

    public RouteEntry Entry(string domainId) => Table.Entries.Single(e => e.DomainId == domainId);

    public IEnumerable<RouteEntry> Domains => Table.Entries.Where(e => e.DomainId != LibraryName.Unassigned);

    public static async Task<RoutedLibrary> CreateAsync(OrchestratorFixture mesh, string name)
    {
        await mesh.CreateAsync(name, Dimension);
        await mesh.UpsertAsync(name, Enumerable.Range(0, 300).Select(i => Point(i + 1, Blob(i % 3, i))), assignments: false);

        var started = await mesh.DiscoveryClient.AnalyzeDomainsAsync(new AnalyzeDomainsRequest
        {
            Library = name,
            Settings = new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans, Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = 3, Seed = 5 } } },
        }).ResponseAsync.Within();
        using (var watch = mesh.DiscoveryClient.WatchAnalysis(new WatchAnalysisRequest { OperationId = started.OperationId }, deadline: DateTime.UtcNow + Bounded.Timeout))
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }

        var map = (await mesh.DiscoveryClient.GetDomainMapAsync(new GetDomainMapRequest { Library = name }).ResponseAsync.Within()).Map;
        Assert.Equal(3, map.Domains.Count);
        await mesh.SpecializationClient.SpecializeClusterAsync(new SpecializeClusterRequest { Library = name, DomainMapVersion = map.Version }).ResponseAsync.Within();
        RoutingTable? table = null;
        await Eventually.TrueAsync(async () =>
        {
            table = (await mesh.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = name }).ResponseAsync).Table;
            return table.DomainMapVersion == map.Version && map.Domains.All(d => table.Entries.Any(e => e.DomainId == d.DomainId && e.WriteClusters.Count > 0 && !e.Migrating));
        }, $"the routing table of {name} to place every domain of map v{map.Version}");
        var routed = new RoutedLibrary(name, map, table!);
        await routed.ServedAsync(mesh);
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
}
