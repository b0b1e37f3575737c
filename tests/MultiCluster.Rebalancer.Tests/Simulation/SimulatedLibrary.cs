using System.Diagnostics;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// The library the simulation loads: Fashion-MNIST train images upserted through the Orchestrator (into "unassigned"),
/// found as domains by Discovery's k-means, placed by SpecializeCluster and split out of "unassigned" by
/// Specialization; and the test images grouped by the domain the map assigns them to, as the queries of each domain.
/// </summary>
public sealed record SimulatedLibrary(string Name, DomainMap Map, IReadOnlyDictionary<string, IReadOnlyList<float[]>> QueriesByDomain)
{
    private static readonly TimeSpan StepBound = TimeSpan.FromMinutes(6);

    public static async Task<SimulatedLibrary> BuildAsync(ServiceMesh mesh, string name, SimulationSettings settings, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var orchestrator = new OrchestratorService.OrchestratorServiceClient(mesh.Host("Orchestrator").CallInvoker);
        var clock = Stopwatch.StartNew();
        await orchestrator.CreateLibraryAsync(new CreateLibraryRequest { Name = name, Dimension = FashionImages.Dimension, Distance = Contracts.V1.Distance.Euclid });
        using (var stream = orchestrator.UpsertStream(deadline: DateTime.UtcNow + StepBound))
        {
            foreach (var batch in FashionImages.Train(settings.Points).Chunk(500))
            {
                var message = new UpsertStreamRequest { Library = name, Wait = true };
                message.Points.AddRange(batch.Select(p => new Point { Id = p.Id, Vector = { p.Vector } }));
                await stream.RequestStream.WriteAsync(message);
            }

            await stream.RequestStream.CompleteAsync();
            var written = await stream.ResponseAsync;
            if (written.UpsertedCount != (ulong)settings.Points)
            {
                throw new InvalidOperationException($"UpsertStream wrote {written.UpsertedCount} of {settings.Points} points ({written.FailureCount} failures)");
            }
        }

        progress($"upserted {settings.Points} images in {clock.Elapsed.TotalSeconds:F0} s; Discovery's k-means, k = {settings.Domains}");
        var placement = new LibraryPlacement(mesh.Host("Discovery").CallInvoker, mesh.Host("Specialization").CallInvoker, mesh.Host("Orchestrator").CallInvoker)
        {
            AnalysisBound = StepBound,
            WaitBound = StepBound,
            PollInterval = TimeSpan.FromMilliseconds(500),
        };
        // Small, unequal domains are what this load is about: let Discovery publish them as found.
        await placement.AdmitSmallDomainsAsync(name);
        var map = await placement.AnalyzeAsync(LibraryPlacement.KMeans(name, (uint)settings.Domains, (ulong)settings.Seed));
        progress($"map v{map.Version}: {map.Domains.Count} domains; placing them on the clusters and splitting unassigned");
        await placement.PlaceAsync(name, map, split: true, requestId: name);
        await placement.ServedAsync(name, map, table: null);
        progress($"library ready in {clock.Elapsed.TotalSeconds:F0} s");

        var queries = FashionImages.Test(Math.Max(2_000, settings.Domains * 100))
            .GroupBy(v => Nearest(map, v))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<float[]>)[.. g], StringComparer.Ordinal);
        foreach (var domain in map.Domains.Where(d => !queries.ContainsKey(d.DomainId)))
        {
            // A domain no test image falls in is still asked about, by its own centre.
            queries[domain.DomainId] = [[.. domain.Centroid]];
        }

        return new SimulatedLibrary(name, map, queries);
    }

    private static string Nearest(DomainMap map, float[] vector) => map.Domains
        .MinBy(d => d.Centroid.Select((c, i) => (double)(c - vector[i]) * (c - vector[i])).Sum())!.DomainId;
}
