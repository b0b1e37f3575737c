using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>`search` (the Orchestrator's routed Search) and `route --explain` (RouteQuery: where a query would go, and why).</summary>
internal static class SearchCommands
{
    public static Command Search()
    {
        var library = Arguments.Library();
        var query = new QueryVector();
        var limit = new Option<int>("--limit", "-k") { Description = "How many nearest points", DefaultValueFactory = _ => 10 };
        var payload = new Option<bool>("--with-payload") { Description = "Return each point's payload" };
        var exact = new Option<bool>("--exact") { Description = "Exhaustive search on every domain (no routing, no index): the reference answer" };
        var explain = new Option<bool>("--explain") { Description = "Also show the routing decision" };
        var command = new Command("search", "The nearest points of a library to a query, routed to the domains and clusters that hold them")
        {
            library, limit, payload, exact, explain,
        };
        query.AddTo(command);
        return command.Runs(async ctx =>
        {
            var request = new SearchRequest
            {
                Library = ctx.Get(library),
                Limit = Arguments.Positive(ctx.Get(limit), "--limit"),
                WithPayload = ctx.Get(payload),
                Explain = ctx.Get(explain),
            };
            request.Vector.AddRange(query.Read(ctx));
            if (ctx.Get(exact))
            {
                request.Routing = new RoutingHints { Strategy = RoutingStrategy.Broadcast };
                request.Params = new SearchParams { Exact = true };
            }

            var response = await ctx.Mesh.Orchestrator.SearchAsync(request, deadline: ctx.Deadline);
            ctx.Out.Emit(response, console => Show(console, response, ctx.Get(payload)));
            return ExitCodes.Ok;
        });
    }

    public static Command Route()
    {
        var library = Arguments.Library();
        var query = new QueryVector();
        var explain = new Option<bool>("--explain") { Description = "Show every candidate domain, its similarity and why it was or was not chosen" };
        var command = new Command("route", "Where the Orchestrator would send a query: domains, clusters and the reasons") { library, explain };
        query.AddTo(command);
        return command.Runs(async ctx =>
        {
            var request = new RouteQueryRequest { Library = ctx.Get(library) };
            request.Vector.AddRange(query.Read(ctx));
            var response = await ctx.Mesh.Orchestrator.RouteQueryAsync(request, deadline: ctx.Deadline);
            ctx.Out.Emit(response, console => Decision(console, response.Decision, ctx.Get(explain)));
            return ExitCodes.Ok;
        });
    }

    private static void Show(IAnsiConsole console, SearchResponse response, bool payload)
    {
        var table = Render.Table("#", "id", "score", "domain", "cluster");
        if (payload)
        {
            table.AddColumn("payload");
        }

        var rank = 0;
        foreach (var point in response.Points)
        {
            table.AddRow([(++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), Render.Text(point.Id), Render.Number(point.Score, "0.0000"),
                Render.Text(point.DomainId), Render.Cluster(point.Cluster), .. payload ? new[] { Render.Text(point.Payload?.ToString()) } : []]);
        }

        console.Write(table);
        console.MarkupLine($"{response.Points.Count} points in {Render.Number(response.TookMs, "0.0")} ms from {response.SearchedDomainIds.Count} domains on " +
            $"{Render.Clusters(response.SearchedClusters)}{(response.CacheHit ? " (cached)" : "")}");
        foreach (var failure in response.FailedClusters)
        {
            console.MarkupLine($"[yellow]partial[/]: {Render.Cluster(failure.Cluster)} failed ({Render.Text(failure.Reason)})");
        }

        if (response.Routing is { } routing)
        {
            Decision(console, routing, explain: true);
        }
    }

    private static void Decision(IAnsiConsole console, RoutingDecision decision, bool explain)
    {
        console.MarkupLine($"strategy {Render.Name(decision.Strategy)}, domain map v{decision.DomainMapVersion}, routing v{decision.RoutingVersion}");
        var targets = Render.Table("domain", "collection", "cluster", "p99 ms", "circuit", "why");
        foreach (var target in decision.Targets)
        {
            targets.AddRow(Render.Text(target.DomainId), Render.Text(target.CollectionName), Render.Cluster(target.Cluster), Render.Number(target.LatencyP99Ms, "0.0"),
                Render.Name(target.CircuitState), Render.Text(target.Reason));
        }

        console.Write(targets.Title("targets"));
        if (!explain)
        {
            return;
        }

        var candidates = Render.Table("domain", "similarity", "chosen", "why");
        foreach (var candidate in decision.Candidates)
        {
            candidates.AddRow(Render.Text(candidate.DomainId), Render.Number(candidate.Similarity, "0.0000"), candidate.Selected ? "[green]yes[/]" : "no", Render.Text(candidate.Reason));
        }

        console.Write(candidates.Title("candidate domains"));
        console.MarkupLine(Render.Text(decision.Explanation));
    }
}
