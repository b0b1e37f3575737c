using System.Diagnostics;
using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Bench.Routing;

/// <summary>
/// A library routed by the real services, as a client and an operator would get there: every point upserted through
/// the Orchestrator (into "unassigned", no domains yet), Discovery's k-means, Specialization's placements, the split of
/// "unassigned" into the domains, and the Orchestrator's calibration of the adaptive margin on the split library.
/// </summary>
internal sealed record RoutedLibrary(string Name, DomainMap Map, RoutingTable Table, IReadOnlyDictionary<string, long> Counts, RoutingCalibration Calibration)
{
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(8);

    public long Total => Counts.Values.Sum();

    public static async Task<RoutedLibrary> BuildAsync(BenchMesh mesh, string name, IReadOnlyList<PointRecord> points, uint domains, ulong seed, uint sampleSize)
    {
        var client = mesh.Client;
        await client.CreateLibraryAsync(new CreateLibraryRequest { Name = name, Dimension = 784, Distance = Contracts.V1.Distance.Euclid });

        var clock = Stopwatch.StartNew();
        using (var stream = client.UpsertStream(deadline: DateTime.UtcNow + StepBound))
        {
            foreach (var batch in points.Chunk(500))
            {
                var message = new UpsertStreamRequest { Library = name, Wait = true };
                message.Points.AddRange(batch.Select(p => new Point { Id = p.Id, Vector = { p.Vector } }));
                await stream.RequestStream.WriteAsync(message);
            }

            await stream.RequestStream.CompleteAsync();
            var written = await stream.ResponseAsync;
            if (written.UpsertedCount != (ulong)points.Count || written.Partial)
            {
                throw new InvalidOperationException($"UpsertStream wrote {written.UpsertedCount} of {points.Count} points ({written.FailureCount} failures)");
            }
        }

        Figures.Write("ingest_pps", points.Count / clock.Elapsed.TotalSeconds, "F0");
        Figures.Progress($"upserted {points.Count} points through the Orchestrator in {clock.Elapsed.TotalSeconds:F1} s; analysing (k-means, k = {domains})");

        var placement = new LibraryPlacement(mesh.Host("Discovery").CallInvoker, mesh.Host("Specialization").CallInvoker, mesh.Host("Orchestrator").CallInvoker)
        {
            AnalysisBound = StepBound,
            WaitBound = StepBound,
            PollInterval = TimeSpan.FromMilliseconds(250),
        };
        clock.Restart();
        var analysis = LibraryPlacement.KMeans(name, domains, seed);
        analysis.Settings.SampleSize = sampleSize;
        var map = await placement.AnalyzeAsync(analysis);
        Figures.Write("analysis_s", clock.Elapsed.TotalSeconds, "F1");
        Figures.Progress($"Discovery published map v{map.Version} with {map.Domains.Count} domains in {clock.Elapsed.TotalSeconds:F1} s; specializing");

        clock.Restart();
        var table = await placement.PlaceAsync(name, map, requestId: name);
        Figures.Progress($"routing table v{table.Version} places {map.Domains.Count} domains on {table.Entries.SelectMany(e => e.ReadClusters).Select(c => c.Name).Distinct().Count()} clusters; waiting for the split of unassigned");

        // Complete: the Orchestrator serves this table and map, no domain moves, "unassigned" is empty and the
        // domains hold every point (counted on their clusters).
        var status = await placement.ServedAsync(
            name,
            map,
            table,
            s => s.Domains.All(d => !d.Migrating && (d.DomainId != LibraryName.Unassigned || d.PointCount == 0))
                && s.Domains.Count(d => d.DomainId != LibraryName.Unassigned) == map.Domains.Count
                && s.Domains.Where(d => d.DomainId != LibraryName.Unassigned).Sum(d => (long)d.PointCount) == points.Count,
            s => $"routing v{s.RoutingVersion}, map v{s.DomainMapVersion}, {s.Domains.Count} domains holding {s.Domains.Sum(d => (long)d.PointCount)} points, unassigned {s.Domains.FirstOrDefault(d => d.DomainId == LibraryName.Unassigned)?.PointCount ?? 0}");
        var splitDone = DateTimeOffset.UtcNow;
        var counts = status.Domains.Where(d => d.DomainId != LibraryName.Unassigned).ToDictionary(d => d.DomainId, d => (long)d.PointCount, StringComparer.Ordinal);
        Figures.Write("specialize_and_split_s", clock.Elapsed.TotalSeconds, "F1");
        Figures.Progress($"split done: {counts.Count} domains, {counts.Values.Min()}..{counts.Values.Max()} points each, {clock.Elapsed.TotalSeconds:F1} s after SpecializeCluster; waiting for the routing calibration");

        var calibration = await CalibrationAsync(client, name, map.Version);
        if (calibration.CalibratedAt.ToDateTimeOffset() < splitDone - TimeSpan.FromSeconds(2))
        {
            Figures.Progress($"WARNING: the routing calibration was made at {calibration.CalibratedAt}, before the split of unassigned was seen complete at {splitDone:O}: it sampled a library whose domains were not yet full");
            Figures.Write("calibrated_before_split", 1, "F0");
        }

        return new RoutedLibrary(name, map, table, counts, calibration);
    }

    public static Task<RoutingCalibration> CalibrationAsync(OrchestratorService.OrchestratorServiceClient client, string name, ulong mapVersion) => Eventually.ValueAsync(
        async () => (await client.GetCrossClusterMetricsAsync(new GetCrossClusterMetricsRequest { Library = name })).Calibrations.FirstOrDefault(c => c.Library == name),
        c => c is not null && c.DomainMapVersion == mapVersion && c.HeldOutQueries > 0,
        $"the Orchestrator's routing calibration of map v{mapVersion}", StepBound, TimeSpan.FromMilliseconds(250),
        c => string.Create(CultureInfo.InvariantCulture, $"map v{c!.DomainMapVersion}, {c.HeldOutQueries} held-out queries"))!;
}
