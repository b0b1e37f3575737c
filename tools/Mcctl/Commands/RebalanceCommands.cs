using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `rebalance analyze|plan|run`: the Rebalancer's AnalyzeLoadDistribution; TriggerRebalancing as a dry run (the plan);
/// TriggerRebalancing for real, followed through WatchRebalancing until every move ends.
/// </summary>
internal static class RebalanceCommands
{
    public static Command Build() => new("rebalance", "How evenly the clusters are loaded, and the moves that would even them out") { Analyze(), Plan(), Run() };

    private static Argument<string?> Library() => Arguments.Optional("LIBRARY", "Only this library's domains (all when left out)");

    private static Command Analyze()
    {
        var library = Library();
        var command = new Command("analyze", "Per cluster: points, fill, load, health; the imbalance and the thresholds it breaks") { library };
        return command.Runs(async ctx =>
        {
            var response = await ctx.Mesh.Rebalancer.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest { Library = ctx.Get(library) ?? "" }, deadline: ctx.Deadline);
            ctx.Out.Emit(response, console =>
            {
                var table = Render.Table("cluster", "health", "points", "fill", "req/s", "p99 ms", "domains");
                foreach (var cluster in response.Clusters)
                {
                    table.AddRow(Render.Cluster(cluster.Cluster), Render.Health(cluster.Health), Render.Count(cluster.PointCount), Render.Number(cluster.FillRatio, "0.0%"),
                        Render.Number(cluster.Load?.RequestRatePerSecond ?? 0, "0.0"), Render.Number(cluster.Load?.LatencyP99Ms ?? 0, "0.0"),
                        cluster.DomainCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                console.Write(table);
                console.MarkupLine($"size imbalance {Render.Number(response.SizeImbalance)}, load imbalance {Render.Number(response.LoadImbalance)}: " +
                    (response.ExceedsThresholds ? "[yellow]over the thresholds[/]" : "[green]within the thresholds[/]"));
                foreach (var violation in response.Violations)
                {
                    console.MarkupLine($"  {Render.Text(violation.Code)}: {Render.Text(violation.Message)}");
                }
            });
            return ExitCodes.Ok;
        });
    }

    private static Command Plan()
    {
        var (command, library, force, maxMoves) = Trigger("plan", "The moves a rebalancing would make now, without making them (a dry run)");
        return command.Runs(async ctx =>
        {
            var response = await ctx.Mesh.Rebalancer.TriggerRebalancingAsync(Request(ctx, library, force, maxMoves, dryRun: true), deadline: ctx.Deadline);
            ctx.Out.Emit(response, console => Show(console, response.Plan));
            return ExitCodes.Ok;
        });
    }

    private static Command Run()
    {
        var (command, library, force, maxMoves) = Trigger("run", "Rebalance now and follow every move until it ends");
        return command.Runs(async ctx =>
        {
            var response = await ctx.Mesh.Rebalancer.TriggerRebalancingAsync(Request(ctx, library, force, maxMoves, dryRun: false), deadline: ctx.Deadline);
            ctx.Out.Emit(response, console => Show(console, response.Plan));
            if (response.OperationId.Length == 0 || response.Plan.Moves.Count == 0)
            {
                return ExitCodes.Ok;
            }

            using var watch = ctx.Mesh.Rebalancer.WatchRebalancing(new WatchRebalancingRequest { OperationId = response.OperationId }, cancellationToken: ctx.Cancellation);
            var last = await LiveProgress.FollowAsync(ctx, watch.ResponseStream, m => m.Progress,
                m => $"rebalance: {m.Moves.Count(o => o.State == OperationState.Succeeded)}/{m.Moves.Count} moves done");
            if (!ctx.Out.Json && last is not null)
            {
                var table = Render.Table("domain", "from", "to", "phase", "state", "%", "error");
                foreach (var outcome in last.Moves)
                {
                    table.AddRow(Render.Text(outcome.Move?.DomainId), Render.Cluster(outcome.Move?.Source), Render.Cluster(outcome.Move?.Target), Render.Name(outcome.Phase),
                        Render.State(outcome.State), Render.Number(outcome.Percent, "0"), Render.Text(outcome.Error?.Message));
                }

                ctx.Out.Console.Write(table);
            }

            return last?.Progress?.State == OperationState.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        });
    }

    private static (Command Command, Argument<string?> Library, Option<bool> Force, Option<int?> MaxMoves) Trigger(string name, string description)
    {
        var library = Library();
        var force = new Option<bool>("--force") { Description = "Plan even when no threshold is exceeded or the cooldown has not passed" };
        var maxMoves = new Option<int?>("--max-moves") { Description = "At most this many moves (1..100)" };
        return (new Command(name, description) { library, force, maxMoves }, library, force, maxMoves);
    }

    private static TriggerRebalancingRequest Request(CommandContext ctx, Argument<string?> library, Option<bool> force, Option<int?> maxMoves, bool dryRun) => new()
    {
        Library = ctx.Get(library) ?? "",
        DryRun = dryRun,
        Force = ctx.Get(force),
        MaxMoves = ctx.Get(maxMoves) is { } max ? Arguments.Positive(max, "--max-moves") : 0,
        Reason = "mcctl rebalance " + (dryRun ? "plan" : "run"),
        RequestId = Guid.NewGuid().ToString(),
    };

    private static void Show(IAnsiConsole console, RebalancingPlan? plan)
    {
        if (plan is null)
        {
            return;
        }

        if (plan.Moves.Count == 0)
        {
            console.MarkupLine("[green]no move planned[/]");
            console.MarkupLine(Render.Text(plan.Explanation));
            return;
        }

        var table = Render.Table("library", "domain", "from", "to", "points", "why");
        foreach (var move in plan.Moves)
        {
            table.AddRow(Render.Text(move.Library), Render.Text(move.DomainId), Render.Cluster(move.Source), Render.Cluster(move.Target), Render.Count(move.PointCount), Render.Text(move.Reason));
        }

        console.Write(table.Title($"{plan.Moves.Count} moves, {Render.Count(plan.PointsToMove)} points"));
        console.MarkupLine($"size imbalance {Render.Number(plan.SizeImbalanceBefore)} → {Render.Number(plan.SizeImbalanceAfter)}, " +
            $"load imbalance {Render.Number(plan.LoadImbalanceBefore)} → {Render.Number(plan.LoadImbalanceAfter)}");
        if (plan.Explanation.Length > 0)
        {
            console.MarkupLine(Render.Text(plan.Explanation));
        }
    }
}
