using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>
/// A Fashion-MNIST library with domains from the real Discovery (k-means) placed by the real Specialization: points
/// written to "unassigned" as a new library holds them, analysed, specialized, then each point moved to its nearest
/// domain's copies and removed from "unassigned" (what the split of unassigned does), and the router calibrated.
/// </summary>
internal static class RoutedLibrary
{
    public static async Task<RoutingTable> BuildAsync(OrchestratorFixture mesh, string library, int points, int domains)
    {
        await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = library, Dimension = FashionImages.Dimension, Distance = Contracts.V1.Distance.Euclid }).ResponseAsync.Within();
        var records = FashionImages.Train(points);
        var unassigned = LibraryName.Collection(library, LibraryName.Unassigned);
        foreach (var batch in records.Chunk(500))
        {
            await mesh.Cluster("local-a").UpsertAsync(unassigned, batch).Within();
        }

        var analysis = await mesh.DiscoveryClient.AnalyzeDomainsAsync(new AnalyzeDomainsRequest
        {
            Library = library,
            Settings = new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans, Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = (uint)domains, Seed = 3 } } },
        }).ResponseAsync.Within();
        using (var watch = mesh.DiscoveryClient.WatchAnalysis(new WatchAnalysisRequest { OperationId = analysis.OperationId }))
        {
            var terminal = false;
            while (!terminal && await watch.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3)))
            {
                terminal = watch.ResponseStream.Current.Progress.Terminal;
            }
        }

        var map = (await mesh.DiscoveryClient.GetDomainMapAsync(new GetDomainMapRequest { Library = library }).ResponseAsync.Within()).Map;
        Assert.True(map.Domains.Count >= 2, $"Discovery found {map.Domains.Count} domains");
        await mesh.SpecializationClient.SpecializeClusterAsync(new SpecializeClusterRequest { Library = library, RequestId = library }).ResponseAsync.Within();
        RoutingTable? table = null;
        await Eventually.TrueAsync(async () =>
        {
            table = (await mesh.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library })).Table;
            return table is not null && table.DomainMapVersion == map.Version && table.Entries.Count > 1;
        }, "Specialization's routing table for the new map");

        var entries = table!.Entries.ToDictionary(e => e.DomainId, StringComparer.Ordinal);
        foreach (var group in records.GroupBy(p => CentroidScores.Nearest(map, p.Vector)!))
        {
            foreach (var copy in entries[group.Key].WriteClusters)
            {
                foreach (var batch in group.Chunk(500))
                {
                    await mesh.Cluster(copy.Name).UpsertAsync(entries[group.Key].CollectionName, batch).Within();
                }
            }
        }

        foreach (var batch in records.Chunk(1000))
        {
            await mesh.Cluster("local-a").DeleteAsync(unassigned, [.. batch.Select(p => p.Id)]).Within();
        }

        // Settings written wake the calibrator; the explanation says when the calibrated margin is in use.
        await mesh.Client.SetRoutingStrategyAsync(new SetRoutingStrategyRequest
        {
            Library = library,
            Settings = new RoutingSettings { RecallTarget = 0.99 },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "recall_target" } },
        }).ResponseAsync.Within();
        await Eventually.TrueAsync(async () =>
        {
            var decision = (await mesh.Client.RouteQueryAsync(new RouteQueryRequest { Library = library, Vector = { records[0].Vector } })).Decision;
            return decision.DomainMapVersion == map.Version && decision.Explanation.Contains("calibrated margin", StringComparison.Ordinal);
        }, "the router to use a calibrated margin");
        return table;
    }
}
