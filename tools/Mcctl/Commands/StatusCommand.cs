using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `status [LIBRARY]`: without a library, the clusters (GetGlobalMetrics) and the libraries (ListLibraries); with one,
/// its state as the Orchestrator routes it (GetLibraryStatus), per cluster and per domain.
/// </summary>
internal static class StatusCommand
{
    public static Command Build()
    {
        var library = Arguments.Optional("LIBRARY", "A library; all clusters and libraries when left out");
        var command = new Command("status", "The mesh at a glance: tables per cluster and per library, or per cluster and per domain of one library") { library };
        return command.Runs(async ctx => ctx.Get(library) is { Length: > 0 } name ? await LibraryAsync(ctx, name) : await MeshAsync(ctx));
    }

    private static async Task<int> MeshAsync(CommandContext ctx)
    {
        var metrics = await ctx.Mesh.ClusterAdmin.GetGlobalMetricsAsync(new GetGlobalMetricsRequest(), deadline: ctx.Deadline);
        var libraries = await ctx.Mesh.Orchestrator.ListLibrariesAsync(new ListLibrariesRequest(), deadline: ctx.Deadline);
        ctx.Out.Emit([("metrics", metrics), ("libraries", libraries)], console =>
        {
            var clusters = Render.Table("cluster", "health", "points", "collections", "fill");
            foreach (var cluster in metrics.Clusters)
            {
                clusters.AddRow(Render.Cluster(cluster.Cluster), Render.Health(cluster.Health), Render.Count(cluster.PointCount),
                    cluster.CollectionCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Render.Number(cluster.FillRatio, "0.0%"));
            }

            console.Write(clusters.Title($"clusters ({metrics.HealthyClusterCount}/{metrics.ClusterCount} healthy)"));
            var table = Render.Table("library", "dimension", "distance", "points (approx.)");
            foreach (var item in libraries.Libraries)
            {
                table.AddRow(Render.Text(item.Name), item.Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture), Render.Name(item.Distance), Render.Count(item.PointCount));
            }

            console.Write(table.Title($"libraries ({libraries.Libraries.Count})"));
        });
        return ExitCodes.Ok;
    }

    private static async Task<int> LibraryAsync(CommandContext ctx, string name)
    {
        var status = await ctx.Mesh.Orchestrator.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = name }, deadline: ctx.Deadline);
        ctx.Out.Emit(status, console =>
        {
            console.MarkupLine($"library [bold]{Render.Text(status.Library.Name)}[/]: {Render.Health(status.Health)}, {Render.Count(Points(status.Domains))} points, " +
                $"{status.Library.Dimension} dims {Render.Name(status.Library.Distance)}, domain map v{status.DomainMapVersion}, routing v{status.RoutingVersion}");
            console.Write(PerCluster(status.Domains).Title("per cluster (primary copies)"));
            console.Write(PerDomain(status.Domains).Title("per domain"));
            foreach (var issue in status.Issues)
            {
                console.MarkupLine($"{Severity(issue.Severity)} {Render.Text(issue.Code)}: {Render.Text(issue.Message)}");
            }
        });
        return ExitCodes.Ok;
    }

    // Counted now on the clusters, where Library.point_count is refreshed every few seconds.
    private static ulong Points(IEnumerable<DomainStatus> domains) => domains.Aggregate(0UL, (sum, d) => sum + d.PointCount);

    private static Table PerCluster(IEnumerable<DomainStatus> domains)
    {
        var table = Render.Table("cluster", "domains", "points", "migrating");
        foreach (var group in domains.GroupBy(d => Render.Cluster(d.Primary)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AddRow(group.Key, group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                Render.Count(Points(group)), group.Count(d => d.Migrating).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static Table PerDomain(IEnumerable<DomainStatus> domains)
    {
        var table = Render.Table("domain", "collection", "primary", "read from", "points", "migrating", "health");
        foreach (var domain in domains)
        {
            table.AddRow(Render.Text(domain.DomainId), Render.Text(domain.CollectionName), Render.Cluster(domain.Primary), Render.Clusters(domain.ReadClusters),
                Render.Count(domain.PointCount), domain.Migrating ? "[yellow]yes[/]" : "no", Render.Health(domain.Health));
        }

        return table;
    }

    private static string Severity(IssueSeverity severity) => severity switch
    {
        IssueSeverity.Error => "[red]error[/]",
        IssueSeverity.Warning => "[yellow]warning[/]",
        _ => "[grey]info[/]",
    };
}
