using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Demo;

/// <summary>
/// The demo's story, each step through the services' public RPCs as any client would call them: load Fashion-MNIST
/// into a new library (it lands in "unassigned"), let Discovery find its domains, let Specialization place them on the
/// clusters and move the points out of "unassigned", then search through the Orchestrator and compare each routed
/// answer with the exact nearest neighbours. Returns the mean recall.
/// </summary>
public sealed class DemoRun(MeshClients mesh, DemoSettings settings, TextWriter output, ProgressLine progress)
{
    private const string Unassigned = "unassigned";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<double> RunAsync(CancellationToken cancellationToken)
    {
        var images = FashionMnist.Read(settings.DataDirectory, train: true, settings.Images);
        var queries = FashionMnist.Read(settings.DataDirectory, train: false, settings.Queries);
        await LoadAsync(images, cancellationToken);
        var map = await DiscoverAsync(images, cancellationToken);
        await PlaceAsync(map, cancellationToken);
        return await SearchAsync(images, queries, map.Domains.Count, cancellationToken);
    }

    private async Task LoadAsync(IReadOnlyList<LabelledImage> images, CancellationToken cancellationToken)
    {
        Step($"1. Loading {images.Count:N0} Fashion-MNIST images (784 dimensions, Euclidean) into library \"{settings.Library}\"");
        var existing = await mesh.Orchestrator.ListLibrariesAsync(new ListLibrariesRequest(), cancellationToken: cancellationToken);
        if (existing.Libraries.Any(l => l.Name == settings.Library))
        {
            output.WriteLine($"   \"{settings.Library}\" exists from an earlier demo: dropping it first.");
            await mesh.Orchestrator.DropLibraryAsync(new DropLibraryRequest { Name = settings.Library }, cancellationToken: cancellationToken);
        }

        await mesh.Orchestrator.CreateLibraryAsync(new CreateLibraryRequest
        {
            Name = settings.Library,
            Dimension = FashionMnist.Dimension,
            Distance = Distance.Euclid,
            Description = "Fashion-MNIST training images, loaded by ./run.sh --demo",
        }, cancellationToken: cancellationToken);
        var started = DateTime.UtcNow;
        var written = 0;
        foreach (var batch in images.Select((image, i) => (image, i)).Chunk(500))
        {
            var request = new UpsertRequest { Library = settings.Library, Wait = true };
            request.Points.AddRange(batch.Select(p => new Contracts.V1.Point
            {
                Id = Id(p.i),
                Vector = { p.image.Pixels },
                Payload = new Struct { Fields = { ["label"] = Value.ForString(p.image.Label) } },
            }));
            await mesh.Orchestrator.UpsertAsync(request, cancellationToken: cancellationToken);
            written += batch.Length;
            progress.Report("load", written * 100.0 / images.Count, $"{written:N0} / {images.Count:N0} points written ({written / (DateTime.UtcNow - started).TotalSeconds:N0} points/s)");
        }

        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        progress.Done($"{written:N0} points written in {seconds:F1} s ({written / seconds:N0} points/s); before any analysis they sit in \"{settings.Library}__unassigned\" on the default cluster.");
    }

    private async Task<DomainMap> DiscoverAsync(IReadOnlyList<LabelledImage> images, CancellationToken cancellationToken)
    {
        Step($"2. Discovery: k-means into {settings.Domains} domains");
        var request = new AnalyzeDomainsRequest
        {
            Library = settings.Library,
            Settings = new AnalysisSettings
            {
                Strategy = AnalysisStrategy.Kmeans,
                Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = (uint)settings.Domains, Seed = 1 } },
            },
        };
        // Discovery's scheduler may have started an analysis of the new points on its own; one runs per library at a time.
        var started = await Until(
            async () =>
            {
                try
                {
                    return await mesh.Discovery.AnalyzeDomainsAsync(request, cancellationToken: cancellationToken);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
                {
                    return null;
                }
            },
            s => s is not null,
            "Discovery to accept the analysis",
            cancellationToken);
        OperationProgress? last = null;
        using (var watch = mesh.Discovery.WatchAnalysis(new WatchAnalysisRequest { OperationId = started!.OperationId }, deadline: DateTime.UtcNow + settings.StepBound, cancellationToken: cancellationToken))
        {
            while (last is not { Terminal: true } && await watch.ResponseStream.MoveNext(cancellationToken))
            {
                last = watch.ResponseStream.Current.Progress;
                progress.Report(last.Phase, last.Percent, $"{last.Percent,3:F0}%  {last.Message}");
            }
        }

        progress.Done($"{last?.State}: {last?.Message}");

        if (last is not { State: OperationState.Succeeded })
        {
            throw new DemoException($"the analysis ended {last?.State}: {last?.Message}. Discovery's log (.run/logs/discovery.log) says why.");
        }

        var map = (await mesh.Discovery.GetDomainMapAsync(new GetDomainMapRequest { Library = settings.Library }, cancellationToken: cancellationToken)).Map;
        output.WriteLine($"   map v{map.Version}: {map.Domains.Count} domains, silhouette {map.SilhouetteScore:F3}, from {map.SampledPoints:N0} sampled points. The classes each holds (points assigned to their nearest centroid):");
        var centroids = map.Domains.Select(d => d.Centroid.ToArray()).ToList();
        var members = images.GroupBy(i => ExactSearch.NearestCentroid(centroids, i.Pixels)).ToDictionary(g => g.Key, g => g.ToList());
        TextTable.Write(output, ["domain", "points", "cohesion", "top labels"], map.Domains.Select((d, c) => (IReadOnlyList<string>)
        [
            d.DomainId,
            d.PointCount.ToString("N0", Invariant),
            d.Cohesion.ToString("F3", Invariant),
            TopLabels(members.GetValueOrDefault(c) ?? []),
        ]));
        return map;
    }

    private async Task PlaceAsync(DomainMap map, CancellationToken cancellationToken)
    {
        Step("3. Specialization: placing each domain on a cluster and moving its points out of \"unassigned\"");
        await mesh.Specialization.SpecializeClusterAsync(new SpecializeClusterRequest { Library = settings.Library, DomainMapVersion = map.Version }, cancellationToken: cancellationToken);
        var status = await Until(
            async () => await mesh.Specialization.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = settings.Library }, cancellationToken: cancellationToken),
            s =>
            {
                var copied = s.ActiveMigrations.Sum(m => (long)m.PointsCopied);
                var total = s.ActiveMigrations.Sum(m => (long)m.PointsTotal);
                progress.Report(s.ActiveMigrations.Count == 0 ? "placing" : "moving", total == 0 ? 0 : copied * 100.0 / total,
                    $"{s.Placements.Count(p => p.DomainId != Unassigned)} domains placed, {s.ActiveMigrations.Count} migration(s) running ({copied:N0} / {total:N0} points copied), {s.UnassignedPoints:N0} points in unassigned");
                return s.DomainMapVersion == map.Version && map.Domains.All(d => s.Placements.Any(p => p.DomainId == d.DomainId)) && s.UnassignedPoints == 0 && s.ActiveMigrations.Count == 0;
            },
            "Specialization to place every domain and empty unassigned",
            cancellationToken);
        progress.Done($"{status.Placements.Count(p => p.DomainId != Unassigned)} domains placed, 0 migration(s) running, {status.UnassignedPoints:N0} points left in unassigned");
        TextTable.Write(output, ["domain", "primary", "replicas", "points", "why there"], status.Placements.OrderBy(p => p.DomainId, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)
        [
            p.DomainId,
            p.Primary?.Name ?? "",
            p.Replicas.Count == 0 ? "-" : string.Join(",", p.Replicas.Select(r => r.Name)),
            p.PointCount.ToString("N0", Invariant),
            p.Reason,
        ]));
        var history = await mesh.Specialization.GetSpecializationHistoryAsync(
            new GetSpecializationHistoryRequest { Library = settings.Library, Kinds = { SpecializationEventKind.Migration } }, cancellationToken: cancellationToken);
        var finished = history.Records.Where(r => r.FinishedAt is not null).ToList();
        output.WriteLine($"   migrations: {finished.Count} finished ({string.Join(", ", finished.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}"))}); last: {finished.LastOrDefault()?.Summary ?? "none"}");
        await Until(
            async () => await mesh.Orchestrator.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = settings.Library }, cancellationToken: cancellationToken),
            s => s.DomainMapVersion == map.Version && s.RoutingVersion >= status.RoutingVersion,
            "the Orchestrator to route by the new map and routing table",
            cancellationToken);
    }

    private async Task<double> SearchAsync(IReadOnlyList<LabelledImage> images, IReadOnlyList<LabelledImage> queries, int domains, CancellationToken cancellationToken)
    {
        Step($"4. Searching {queries.Count} Fashion-MNIST test images through the Orchestrator (top {DemoSettings.Limit}), each checked against an exhaustive search of all {images.Count:N0} points");
        var exact = new ExactSearch(images);
        var recalls = new List<double>();
        var probed = new List<int>();
        var took = new List<double>();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var query in queries)
        {
            var answer = await mesh.Orchestrator.SearchAsync(new SearchRequest
            {
                Library = settings.Library,
                Vector = { query.Pixels },
                Limit = DemoSettings.Limit,
                WithPayload = true,
                Routing = new RoutingHints { BypassCache = true },
            }, cancellationToken: cancellationToken);
            var truth = exact.Nearest(query.Pixels, DemoSettings.Limit).Select(Id).ToHashSet(StringComparer.Ordinal);
            var recall = answer.Points.Count(p => truth.Contains(p.Id)) / (double)DemoSettings.Limit;
            recalls.Add(recall);
            probed.Add(answer.SearchedDomainIds.Count(d => d != Unassigned));
            took.Add(answer.TookMs);
            if (rows.Count < 8)
            {
                rows.Add(
                [
                    query.Label,
                    $"{probed[^1]} of {domains}",
                    string.Join(",", answer.SearchedClusters.Select(c => c.Name)),
                    string.Join(", ", answer.Points.Take(3).Select(p => p.Payload?.Fields.GetValueOrDefault("label")?.StringValue ?? "?")),
                    recall.ToString("F2", Invariant),
                ]);
            }
        }

        TextTable.Write(output, ["query", "domains searched", "clusters", "first three answers", "recall@10"], rows);
        var mean = recalls.Average();
        output.WriteLine($"   mean recall@10 {mean:F3} against exhaustive search; {probed.Average():F1} of {domains} domains searched per query ({Percent(probed.Average() / domains)}); median {took.Order().ElementAt(took.Count / 2):F1} ms per search");
        return mean;
    }

    private static string TopLabels(List<LabelledImage> members) =>
        members.Count == 0
            ? "-"
            : string.Join(", ", members.GroupBy(m => m.Label).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Key} {Percent(g.Count() / (double)members.Count)}"));

    private static string Percent(double share) => (share * 100).ToString("F0", Invariant) + "%";

    private static string Id(int index) => (index + 1).ToString(Invariant);

    private void Step(string title)
    {
        output.WriteLine();
        output.WriteLine(title);
    }

    // Reads until done holds, within the step's bound; a wait that runs out says what it waited for.
    private async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.StepBound;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new DemoException($"waited {settings.StepBound.TotalSeconds:F0} s for {what}; the services' logs (.run/logs/) say what they are doing.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
