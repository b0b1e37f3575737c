using System.Diagnostics;
using System.Globalization;
using MultiCluster.Bench.Routing;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Npgsql;

// Usage: RoutingBench OUT_DIR [queries] [domains] [seed] [analysis-sample] [training-queries] [qps-seconds] [concurrency]
// Figures go to stdout as key=value lines, each pass's answers to OUT_DIR/<pass>.ids (routing_peer.py scores them).
var output = args[0];
var count = Arg(1, 1000);
var domains = (uint)Arg(2, 16);
var seed = (ulong)Arg(3, 7);
var sampleSize = (uint)Arg(4, 10_000);
var trainingCount = Arg(5, 150);
var qpsSeconds = Arg(6, 20);
var concurrency = Arg(7, 16);
const string Library = "fashion";
const string DirectCollection = "fashion_direct";
var exhaustive = new RoutingHints { Strategy = RoutingStrategy.Broadcast };
var adaptiveHints = new RoutingHints();

var points = FashionImages.Train(60_000);
var tests = FashionImages.Test(10_000);
var queries = tests.Take(count).ToList();
// Searches that train ML_BASED are other test images than the measured ones.
var training = tests.Skip(tests.Count - trainingCount).ToList();
if (count + trainingCount > tests.Count)
{
    throw new ArgumentException($"{count} queries and {trainingCount} training queries are more than the {tests.Count} test images");
}

Figures.Progress($"read {points.Count} train images and {tests.Count} test images; starting PostgreSQL, Redis, five LocalClusters, Discovery, Specialization, the Orchestrator");
await using var mesh = new BenchMesh();
var noSampling = ("Orchestrator__LiveRecallSampleRate", "0");
try
{
    await mesh.StartAsync(noSampling);
    var loadingDirect = LoadDirectAsync(mesh.Direct, points);
    var library = await RoutedLibrary.BuildAsync(mesh, Library, points, domains, seed, sampleSize);
    await loadingDirect;
    PrintPlacement(library);
    var calibration = library.Calibration;
    Figures.Write("calibration_margin", calibration.Margin, "F4");
    Figures.Write("calibration_held_out_recall", calibration.HeldOutRecall, "F4");
    Figures.Write("calibration_mean_domains", calibration.MeanDomainsProbed, "F2");
    Figures.Write("calibration_probed_fraction", calibration.ProbedFraction, "F4");

    await TrainFusionAsync(mesh, library, training);
    Figures.Progress("restarting the Orchestrator without live-recall sampling for the measurements");
    await mesh.StartOrchestratorAsync(noSampling);
    await RoutedLibrary.CalibrationAsync(mesh.Client, Library, library.Map.Version);
    var client = mesh.Client;

    Figures.Progress($"warm-up, then {queries.Count} queries routed (adaptive) and direct, interleaved");
    var warm = new SearchPass("warm-up");
    foreach (var query in training.Take(100))
    {
        await warm.SearchAsync(client, library, query, adaptiveHints, null);
        await mesh.Direct.SearchAsync(DirectCollection, new MultiCluster.Clusters.SearchRequest(query, 10, WithPayload: false));
    }

    var adaptive = new SearchPass("adaptive");
    var directLatency = new List<double>();
    var directIds = new List<string[]>();
    foreach (var query in queries)
    {
        await adaptive.SearchAsync(client, library, query, adaptiveHints, null);
        var clock = Stopwatch.StartNew();
        var hits = await mesh.Direct.SearchAsync(DirectCollection, new MultiCluster.Clusters.SearchRequest(query, 10, WithPayload: false));
        directLatency.Add(clock.Elapsed.TotalMilliseconds);
        directIds.Add([.. hits.Select(h => h.Id)]);
    }

    var passes = new List<SearchPass> { adaptive };
    foreach (var fixedCount in new uint[] { 1, 2, 3, 4, 8 })
    {
        Figures.Progress($"{queries.Count} queries routed to the {fixedCount} nearest domains");
        passes.Add(await SearchPass.RunAsync($"fixed{fixedCount}", client, library, queries, new RoutingHints { MaxDomains = fixedCount }));
    }

    var fusionHints = new RoutingHints { MaxDomains = 4 };
    foreach (var (name, algorithm) in new[] { ("weighted", FusionAlgorithm.WeightedScore), ("ml_based", FusionAlgorithm.MlBased), ("max_score", FusionAlgorithm.MaxScore) })
    {
        Figures.Progress($"{queries.Count} queries over the 4 nearest domains fused by {algorithm}");
        passes.Add(await SearchPass.RunAsync($"fusion_{name}", client, library, queries, fusionHints, new FusionConfig { Algorithm = algorithm }));
    }

    var checkedCount = Math.Min(200, queries.Count);
    Figures.Progress($"{checkedCount} queries through the Orchestrator with BROADCAST (every domain), as a check of the exhaustive answers");
    passes.Add(await SearchPass.RunAsync("broadcast", client, library, queries.Take(checkedCount).ToList(), exhaustive));

    foreach (var pass in passes)
    {
        Figures.WriteIds(output, pass.Name, pass.Ids);
        Figures.Write($"probed_fraction_{pass.Name}", pass.MeanFraction, "F4");
        Figures.Write($"mean_domains_{pass.Name}", pass.Domains.Average(), "F2");
        Figures.Write($"partial_{pass.Name}", pass.Partial, "F0");
        Figures.Write($"p50_ms_{pass.Name}", Figures.Quantile(pass.LatencyMs, 0.5), "F2");
    }

    Figures.WriteIds(output, "direct", directIds);
    Figures.Write("routed_p50_ms", Figures.Quantile(adaptive.LatencyMs, 0.5), "F2");
    Figures.Write("routed_p99_ms", Figures.Quantile(adaptive.LatencyMs, 0.99), "F2");
    Figures.Write("direct_p50_ms", Figures.Quantile(directLatency, 0.5), "F2");
    Figures.Write("direct_p99_ms", Figures.Quantile(directLatency, 0.99), "F2");
    Figures.Write("p50_ratio_vs_direct", Figures.Quantile(adaptive.LatencyMs, 0.5) / Figures.Quantile(directLatency, 0.5), "F3");
    Figures.Write("p99_ratio_vs_direct", Figures.Quantile(adaptive.LatencyMs, 0.99) / Figures.Quantile(directLatency, 0.99), "F3");

    // Throughput, routed and fanned out to every domain, in alternating halves so drifting load on a shared machine
    // weighs on both alike.
    Figures.Progress($"throughput: {concurrency} searches in flight, adaptive and BROADCAST alternating, {qpsSeconds} s each");
    var half = TimeSpan.FromSeconds(qpsSeconds / 2.0);
    var routed = new Throughput();
    var fanout = new Throughput();
    for (var round = 0; round < 2; round++)
    {
        await routed.RunAsync(client, Library, queries, adaptiveHints, concurrency, half);
        await fanout.RunAsync(client, Library, queries, exhaustive, concurrency, half);
    }

    Figures.Write("qps_routed", routed.Qps, "F1");
    Figures.Write("qps_exhaustive", fanout.Qps, "F1");
    Figures.Write("qps_errors", routed.Errors + fanout.Errors, "F0");
    Figures.Write("qps_partial", routed.Partial + fanout.Partial, "F0");
    Figures.Write("qps_ratio_vs_fanout", routed.Qps / fanout.Qps, "F3");
    Figures.Write("concurrency", concurrency, "F0");
    return 0;
}
catch (Exception e) when (e is TimeoutException or InvalidOperationException or Grpc.Core.RpcException)
{
    Figures.Progress($"FAILED: {e.Message}");
    Console.Error.WriteLine("--- the Orchestrator's log (last 6,000 characters) ---");
    Console.Error.WriteLine(mesh.OrchestratorLog.Length > 6_000 ? mesh.OrchestratorLog[^6_000..] : mesh.OrchestratorLog);
    return 1;
}

int Arg(int index, int fallback) => args.Length > index && args[index].Length > 0 ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

// The direct peer: every point in one collection of one cluster, written through the services' client.
static async Task LoadDirectAsync(IVectorCluster direct, IReadOnlyList<PointRecord> points)
{
    await direct.CreateCollectionAsync(new CollectionSpec(DirectCollection, FashionImages.Dimension, MultiCluster.Clusters.Distance.Euclid));
    foreach (var batch in points.Chunk(1000))
    {
        await direct.UpsertAsync(DirectCollection, batch, wait: true);
    }

    var held = await direct.CountAsync(DirectCollection, null);
    if (held != points.Count)
    {
        throw new InvalidOperationException($"the direct cluster holds {held} of {points.Count} points");
    }
}

static void PrintPlacement(RoutedLibrary library)
{
    Console.WriteLine($"domains of map v{library.Map.Version} (routing table v{library.Table.Version}):");
    Console.WriteLine("  domain                      points  fraction  read clusters");
    foreach (var entry in library.Table.Entries.Where(e => e.DomainId != LibraryName.Unassigned).OrderBy(e => e.DomainId, StringComparer.Ordinal))
    {
        var points = library.Counts.GetValueOrDefault(entry.DomainId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {entry.DomainId,-26} {points,7}  {points / (double)library.Total,8:P1}  {string.Join(",", entry.ReadClusters.Select(c => c.Name))}"));
    }
}

// ML_BASED learns from live-recall replays: with every search sampled, the training searches (over the 4 nearest
// domains, so each replay holds several lists) reach the replayer's batch and a model is stored in fusion_models.
static async Task TrainFusionAsync(BenchMesh mesh, RoutedLibrary library, IReadOnlyList<float[]> training)
{
    Figures.Progress($"training ML_BASED: the Orchestrator restarted with every search sampled, {training.Count} searches over the 4 nearest domains");
    await mesh.StartOrchestratorAsync(("Orchestrator__LiveRecallSampleRate", "1"));
    await RoutedLibrary.CalibrationAsync(mesh.Client, library.Name, library.Map.Version);
    var pass = new SearchPass("training");
    foreach (var query in training)
    {
        await pass.SearchAsync(mesh.Client, library, query, new RoutingHints { MaxDomains = 4 }, null);
    }

    await using var database = NpgsqlDataSource.Create(mesh.OrchestratorDatabase);
    var stored = await Eventually.ValueAsync(
        async () =>
        {
            await using var command = database.CreateCommand("SELECT queries FROM fusion_models WHERE library = @library");
            command.Parameters.AddWithValue("library", library.Name);
            return await command.ExecuteScalarAsync() is int queries ? queries : 0;
        },
        queries => queries > 0, "an ML_BASED model in fusion_models", TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(250), queries => $"{queries}");
    var metrics = (await mesh.Client.GetCrossClusterMetricsAsync(new GetCrossClusterMetricsRequest
    {
        Library = library.Name,
        Window = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
    })).Calibrations.FirstOrDefault();
    Figures.Write("fusion_model_queries", stored, "F0");
    Figures.Write("live_recall_training", metrics?.LiveRecall ?? double.NaN, "F4");
    Figures.Write("live_samples_training", metrics?.LiveSamples ?? 0, "F0");
}
