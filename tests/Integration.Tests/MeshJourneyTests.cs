using System.Numerics.Tensors;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using MultiCluster.TestInfrastructure.Otlp;
using Xunit;
using Distance = MultiCluster.Contracts.V1.Distance;
using SearchRequest = MultiCluster.Contracts.V1.SearchRequest;

namespace Integration.Tests;

/// <summary>
/// A library's whole life through the four services as processes, over three clusters, every host exporting its spans
/// to an OTLP receiver in this process: Fashion-MNIST written through the Orchestrator, Discovery's domains,
/// Specialization's placement and split of "unassigned", routed searches as good as exhaustive ones, a load skewed onto
/// one cluster, a rebalancing that moves a domain off it, the searches still right, and a drop whose trace runs from
/// the Orchestrator through its event into Specialization. Intervals are the short ones the Rebalancer's simulation uses.
/// </summary>
public sealed class MeshJourneyTests
{
    private const string Library = "journey";
    private const int Limit = 10;

    [Fact]
    public async Task ALibrarysLife_FromIngestToRebalancing_KeepsRoutedSearchesExact_AndOneTraceCrossesTheServices()
    {
        await using var otlp = await OtlpReceiver.StartAsync("grpc");
        await using var mesh = await ServiceMesh.StartAsync(LocalClusterSet.DefaultNames, ServiceMesh.AllServices, Settings,
            [("Telemetry__OtlpEndpoint", otlp.Address), ("Telemetry__OtlpProtocol", "grpc"), ("OTEL_BSP_SCHEDULE_DELAY", "200")]);
        var orchestrator = new OrchestratorService.OrchestratorServiceClient(mesh.Host("Orchestrator").CallInvoker);
        var rebalancer = new RebalancerService.RebalancerServiceClient(mesh.Host("Rebalancer").CallInvoker);
        var specialization = new SpecializationService.SpecializationServiceClient(mesh.Host("Specialization").CallInvoker);
        var placement = new LibraryPlacement(mesh.Host("Discovery").CallInvoker, mesh.Host("Specialization").CallInvoker, mesh.Host("Orchestrator").CallInvoker)
        {
            AnalysisBound = TimeSpan.FromMinutes(3),
        };

        // Ingest: the points land in "unassigned".
        var points = FashionImages.Train(2000);
        await orchestrator.CreateLibraryAsync(new CreateLibraryRequest { Name = Library, Dimension = FashionImages.Dimension, Distance = Distance.Euclid }).ResponseAsync.Within();
        foreach (var batch in points.Chunk(500))
        {
            await orchestrator.UpsertAsync(new UpsertRequest { Library = Library, Wait = true, Points = { batch.Select(p => new Point { Id = p.Id, Vector = { p.Vector } }) } }).ResponseAsync.Within();
        }

        // Discovery, then Specialization's placement and split of "unassigned".
        var map = await placement.AnalyzeAsync(LibraryPlacement.KMeans(Library, 4, 3));
        var table = await placement.PlaceAsync(Library, map, split: true);
        await placement.ServedAsync(Library, map, table);
        var queries = FashionImages.Test(20);
        var before = await RecallAsync(orchestrator, points, queries);

        // A load on the domains of one cluster that holds two of them (four domains on three clusters: one does).
        var hot = table.Entries.Where(e => e.DomainId != LibraryName.Unassigned).GroupBy(e => e.Primary.Name).First(g => g.Count() >= 2);
        var centroids = map.Domains.ToDictionary(d => d.DomainId, d => d.Centroid.ToArray());
        // As many queries for each of two of its domains: moving either one then halves the cluster's load.
        var tests = FashionImages.Test(2000);
        var perDomain = hot.Take(2).Select(e => tests.Where(q => Nearest(centroids, q) == e.DomainId).Take(40).ToList()).ToList();
        var hotQueries = Enumerable.Range(0, perDomain.Min(q => q.Count)).SelectMany(i => perDomain.Select(q => q[i])).ToList();
        Assert.True(hotQueries.Count >= 20, $"too few test images near the domains of {hot.Key}: {hotQueries.Count}");
        using var stopLoad = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 3).Select(worker => DriveAsync(orchestrator, hotQueries, worker, stopLoad.Token)));
        AnalyzeLoadDistributionResponse? skewed = null;
        await Eventually.TrueAsync(async () =>
        {
            skewed = await rebalancer.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest { Library = Library });
            // The cluster's rate is averaged over the whole load window, its domains' over the latest reports: a plan
            // made before the window holds only the skewed load weighs the two differently.
            var busiest = skewed.Clusters.Single(c => c.Cluster.Name == hot.Key).Load;
            return skewed.LoadImbalance > 0.3 && busiest is not null && busiest.RequestRatePerSecond >= 0.8 * busiest.Domains.Sum(d => d.QueryRatePerSecond);
        }, $"the Rebalancer to see the load on {hot.Key} over its whole window");

        // A rebalancing, followed to its end while the load goes on.
        var triggered = await rebalancer.TriggerRebalancingAsync(new TriggerRebalancingRequest { Library = Library, MaxMoves = 1, Type = RebalancingType.Load, Reason = "journey" }).ResponseAsync.Within();
        Assert.True(triggered.OperationId.Length > 0, $"no rebalancing started; the plan says: {triggered.Plan.Explanation} (analysis: {skewed})");
        var ended = await WatchToEndAsync(rebalancer, triggered.OperationId);
        await stopLoad.CancelAsync();
        var failedSearches = await load;
        var moved = await specialization.GetRoutingTableAsync(new GetRoutingTableRequest { Library = Library }).ResponseAsync.Within();
        await placement.ServedAsync(Library, map, moved.Table);
        var after = await RecallAsync(orchestrator, points, queries);

        // The drop, traced: the client's call in the Orchestrator, its event handled in Specialization.
        await orchestrator.DropLibraryAsync(new DropLibraryRequest { Name = Library }).ResponseAsync.Within();
        var trace = await Eventually.ValueAsync(
            () => Task.FromResult(DropTrace(otlp.Spans)), spans => spans.Any(s => s.Service == "specialization" && s.Name == "library.dropped process"),
            "the spans of the drop to reach the receiver", Bounded.Timeout, TimeSpan.FromMilliseconds(200), spans => string.Join("; ", spans));

        Assert.True(before >= 0.9, $"routed recall@10 {before:F3} before the rebalancing");
        Assert.Equal(OperationState.Succeeded, ended.Progress.State);
        var move = Assert.Single(triggered.Plan.Moves);
        Assert.Equal(hot.Key, move.Source.Name);
        Assert.Equal(move.Target.Name, moved.Table.Entries.Single(e => e.DomainId == move.DomainId).Primary.Name);
        Assert.Equal(0, failedSearches.Sum());
        Assert.True(after >= before - 0.05, $"routed recall@10 {after:F3} after the move, {before:F3} before it");
        Assert.Contains(trace, s => s.Service == "orchestrator" && s.Name == "library.dropped publish");
    }

    private static IEnumerable<(string Key, string Value)> Settings(string service) => service switch
    {
        "Discovery" => [("Discovery__ReanalysisInterval", "0s")],
        "Specialization" => [("Specialization__WatchPollInterval", "250ms"), ("Specialization__CleanupGracePeriod", "1s")],
        "Orchestrator" => [("Orchestrator__LoadReportInterval", "2s")],
        "Rebalancer" => [("Rebalancer__CurrentLoadWindow", "10s"), ("Rebalancer__ForecastBucket", "5s"), ("Rebalancer__SizeSampleInterval", "5s")],
        _ => [],
    };

    // Mean recall@10 of routed searches against the exact nearest neighbours among the library's points.
    private static async Task<double> RecallAsync(OrchestratorService.OrchestratorServiceClient orchestrator, IReadOnlyList<PointRecord> points, IReadOnlyList<float[]> queries)
    {
        var recalls = new List<double>();
        foreach (var query in queries)
        {
            var answer = await orchestrator.SearchAsync(new SearchRequest { Library = Library, Vector = { query }, Limit = Limit, Routing = new RoutingHints { BypassCache = true } }).ResponseAsync.Within();
            Assert.False(answer.Partial, "a routed search answered partially: " + string.Join(", ", answer.FailedClusters));
            var exact = points.OrderBy(p => TensorPrimitives.Distance(p.Vector, query)).Take(Limit).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            recalls.Add(answer.Points.Count(p => exact.Contains(p.Id)) / (double)Limit);
        }

        return recalls.Average();
    }

    // Searches the hot queries in turn until stopped; returns how many failed.
    private static async Task<int> DriveAsync(OrchestratorService.OrchestratorServiceClient orchestrator, List<float[]> queries, int worker, CancellationToken stop)
    {
        var failed = 0;
        for (var i = worker; !stop.IsCancellationRequested; i++)
        {
            try
            {
                await orchestrator.SearchAsync(new SearchRequest { Library = Library, Vector = { queries[i % queries.Count] }, Limit = Limit, Routing = new RoutingHints { BypassCache = true } },
                    cancellationToken: stop);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
            {
                break;
            }
            catch (RpcException)
            {
                failed++;
            }
        }

        return failed;
    }

    private static string Nearest(Dictionary<string, float[]> centroids, float[] vector) =>
        centroids.MinBy(c => TensorPrimitives.Distance(c.Value, vector)).Key;

    private static async Task<WatchRebalancingResponse> WatchToEndAsync(RebalancerService.RebalancerServiceClient rebalancer, string operationId)
    {
        using var call = rebalancer.WatchRebalancing(new WatchRebalancingRequest { OperationId = operationId }, deadline: DateTime.UtcNow.AddMinutes(2));
        WatchRebalancingResponse? last = null;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            last = message;
        }

        return last ?? throw new InvalidOperationException($"WatchRebalancing of {operationId} ended without a message");
    }

    // Every span of the trace the Orchestrator's DropLibrary server span belongs to.
    private static List<CollectedSpan> DropTrace(IReadOnlyList<CollectedSpan> spans)
    {
        var drop = spans.FirstOrDefault(s => s.Service == "orchestrator" && s.Name == "library.v1.OrchestratorService/DropLibrary");
        return drop is null ? [] : [.. spans.Where(s => s.TraceId == drop.TraceId)];
    }
}
