using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `discover LIBRARY`: starts Discovery's analysis (AnalyzeDomains), shows its live progress from WatchAnalysis until
/// it ends, then the domains it found (GetDomainMap). With --output json: each progress message, then the map.
/// </summary>
internal static class DiscoverCommand
{
    public static Command Build()
    {
        var library = Arguments.Library();
        var strategy = new Option<string?>("--strategy") { Description = "Clustering algorithm (default: the library's configured one, else hybrid)" }
            .AcceptOnlyFromAmong("kmeans", "dbscan", "hierarchical", "hybrid", "streaming");
        var domains = new Option<int?>("--domains", "-k") { Description = "With kmeans: how many domains (default: chosen by silhouette)" };
        var sample = new Option<int?>("--sample-size") { Description = "Points sampled (default 10,000; the whole library when smaller)" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed for a reproducible run (0: random, recorded)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Analyse and report without publishing the map" };
        var command = new Command("discover", "Find a library's semantic domains (Discovery), with live progress until done")
        {
            library, strategy, domains, sample, seed, dryRun,
        };
        return command.Runs(async ctx =>
        {
            var request = new AnalyzeDomainsRequest { Library = ctx.Get(library), DryRun = ctx.Get(dryRun), Settings = Settings(ctx, strategy, domains, sample, seed) };
            var started = await ctx.Mesh.Discovery.AnalyzeDomainsAsync(request, deadline: ctx.Deadline);
            ctx.Out.Emit(started, console => console.MarkupLine($"analysis [bold]{Render.Text(started.OperationId)}[/] started"));
            using var watch = ctx.Mesh.Discovery.WatchAnalysis(new WatchAnalysisRequest { OperationId = started.OperationId }, cancellationToken: ctx.Cancellation);
            var last = await LiveProgress.FollowAsync(ctx, watch.ResponseStream, m => m.Progress, m => $"discover {Render.Progress(m.Progress)}");
            if (last?.Progress is not { State: OperationState.Succeeded })
            {
                throw new CliException(ExitCodes.Failed, $"the analysis {started.OperationId} ended {Render.Name(last?.Progress?.State ?? OperationState.Unspecified)}: " +
                    $"{last?.Progress?.Error?.Message ?? last?.Progress?.Message ?? "the stream closed first"}");
            }

            if (ctx.Get(dryRun))
            {
                ctx.Out.Line($"dry run: {last.DomainCount} domains, silhouette {Render.Number(last.SilhouetteScore)}; nothing published");
                return ExitCodes.Ok;
            }

            var map = await ctx.Mesh.Discovery.GetDomainMapAsync(
                new GetDomainMapRequest { Library = request.Library, Version = last.MapVersion, OmitCentroids = true }, deadline: ctx.Deadline);
            ctx.Out.Emit(map, console => Show(console, map.Map));
            return ExitCodes.Ok;
        });
    }

    private static AnalysisSettings? Settings(CommandContext ctx, Option<string?> strategy, Option<int?> domains, Option<int?> sample, Option<ulong> seed)
    {
        var settings = new AnalysisSettings { Seed = ctx.Get(seed) };
        settings.Strategy = ctx.Get(strategy) switch
        {
            "kmeans" => AnalysisStrategy.Kmeans,
            "dbscan" => AnalysisStrategy.Dbscan,
            "hierarchical" => AnalysisStrategy.Hierarchical,
            "hybrid" => AnalysisStrategy.Hybrid,
            "streaming" => AnalysisStrategy.Streaming,
            _ => ctx.Get(domains) is null ? AnalysisStrategy.Unspecified : AnalysisStrategy.Kmeans,
        };
        if (ctx.Get(domains) is { } k)
        {
            if (settings.Strategy != AnalysisStrategy.Kmeans)
            {
                throw CliException.Usage("--domains: only with --strategy kmeans; the other strategies find the number of domains themselves.");
            }

            settings.Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = Arguments.Positive(k, "--domains"), Seed = ctx.Get(seed) } };
        }

        if (ctx.Get(sample) is { } size)
        {
            settings.SampleSize = Arguments.Positive(size, "--sample-size");
        }

        return settings.Strategy == AnalysisStrategy.Unspecified && settings.SampleSize == 0 && settings.Seed == 0 ? null : settings;
    }

    private static void Show(IAnsiConsole console, DomainMap map)
    {
        console.MarkupLine($"domain map v{map.Version} of [bold]{Render.Text(map.Library)}[/]: {map.Domains.Count} domains ({Render.Name(map.Strategy)}), " +
            $"{Render.Count(map.SampledPoints)} of {Render.Count(map.TotalPoints)} points sampled, silhouette {Render.Number(map.SilhouetteScore)}");
        var table = Render.Table("domain", "label", "points", "cohesion", "radius", "keywords", "proposed cluster");
        foreach (var domain in map.Domains)
        {
            table.AddRow(Render.Text(domain.DomainId), Render.Text(domain.Label), Render.Count(domain.PointCount), Render.Number(domain.Cohesion),
                Render.Number(domain.Radius), Render.Text(string.Join(", ", domain.Keywords.Take(5))), Render.Cluster(domain.ProposedCluster));
        }

        console.Write(table);
    }
}
