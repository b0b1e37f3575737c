using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `migrate start|watch|pause|cancel`: moving one domain between clusters through Specialization
/// (MigrateToSpecialization, then WatchMigration batch by batch until it ends; PauseMigration, CancelMigration).
/// </summary>
internal static class MigrateCommand
{
    public static Command Build() => new("migrate", "Move a domain to another cluster, with live progress per batch") { Start(), Watch(), Pause(), Cancel() };

    public static Table Table(IEnumerable<MigrationStatus> migrations)
    {
        var table = Render.Table("operation", "domain", "from", "to", "phase", "state", "batches", "points");
        foreach (var migration in migrations)
        {
            table.AddRow(Render.Text(migration.OperationId), Render.Text(migration.Move?.DomainId), Render.Cluster(migration.Move?.Source), Render.Cluster(migration.Move?.Target),
                Render.Name(migration.Phase), Render.State(migration.State), $"{migration.BatchesDone}/{migration.BatchesTotal}",
                $"{Render.Count(migration.PointsCopied)}/{Render.Count(migration.PointsTotal)}");
        }

        return table;
    }

    private static Command Start()
    {
        var library = Arguments.Library();
        var domain = new Argument<string>("DOMAIN") { Description = "The domain to move (see mcctl placements LIBRARY)" };
        var target = new Option<string>("--to") { Description = "The cluster to move it to", Required = true };
        var source = new Option<string?>("--from") { Description = "The cluster it leaves (default: its primary now)" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Points per copied batch (default: Specialization's)" };
        var keepSource = new Option<bool>("--keep-source") { Description = "Keep the source copy as a replica" };
        var rate = new Option<int?>("--max-points-per-second") { Description = "Throttle the copy" };
        var noWait = new Option<bool>("--no-wait") { Description = "Start it and return (follow later with migrate watch OPERATION)" };
        var command = new Command("start", "Start moving DOMAIN of LIBRARY to --to and follow it batch by batch")
        {
            library, domain, target, source, batchSize, keepSource, rate, noWait,
        };
        return command.Runs(async ctx =>
        {
            var move = new DomainMove { Library = ctx.Get(library), DomainId = ctx.Get(domain), Target = Arguments.Cluster(ctx.Get(target)), KeepSource = ctx.Get(keepSource) };
            move.Source = Arguments.Cluster(ctx.Get(source)) ?? await PrimaryAsync(ctx, move.Library, move.DomainId);
            var request = new MigrateToSpecializationRequest { Move = move, RequestId = Guid.NewGuid().ToString() };
            if (ctx.Get(batchSize) is { } size)
            {
                request.BatchSize = Arguments.Positive(size, "--batch-size");
            }

            if (ctx.Get(rate) is { } limit)
            {
                request.MaxPointsPerSecond = Arguments.Positive(limit, "--max-points-per-second");
            }

            var started = await ctx.Mesh.Specialization.MigrateToSpecializationAsync(request, deadline: ctx.Deadline);
            ctx.Out.Emit(started, console =>
                console.MarkupLine($"migration [bold]{Render.Text(started.OperationId)}[/]: {Render.Text(move.DomainId)} {Render.Cluster(move.Source)} → {Render.Cluster(move.Target)}"));
            return ctx.Get(noWait) ? ExitCodes.Ok : await FollowAsync(ctx, started.OperationId);
        });
    }

    private static Command Watch()
    {
        var operation = new Argument<string>("OPERATION") { Description = "A migration's operation id" };
        var command = new Command("watch", "Follow a running migration batch by batch until it ends") { operation };
        return command.Runs(ctx => FollowAsync(ctx, ctx.Get(operation)));
    }

    private static Command Pause() => Control("pause", "Pause a migration at its next checkpoint",
        async (ctx, id) => (await ctx.Mesh.Specialization.PauseMigrationAsync(new PauseMigrationRequest { OperationId = id }, deadline: ctx.Deadline)).Status);

    private static Command Cancel() => Control("cancel", "Cancel a migration and roll it back; the source stays authoritative",
        async (ctx, id) => (await ctx.Mesh.Specialization.CancelMigrationAsync(new CancelMigrationRequest { OperationId = id }, deadline: ctx.Deadline)).Status);

    private static Command Control(string name, string description, Func<CommandContext, string, Task<MigrationStatus>> call)
    {
        var operation = new Argument<string>("OPERATION") { Description = "A migration's operation id" };
        var command = new Command(name, description) { operation };
        return command.Runs(async ctx =>
        {
            var status = await call(ctx, ctx.Get(operation));
            ctx.Out.Emit(status, console => console.Write(Table([status])));
            return ExitCodes.Ok;
        });
    }

    private static async Task<int> FollowAsync(CommandContext ctx, string operationId)
    {
        using var watch = ctx.Mesh.Specialization.WatchMigration(new WatchMigrationRequest { OperationId = operationId }, cancellationToken: ctx.Cancellation);
        var last = await LiveProgress.FollowAsync(ctx, watch.ResponseStream, m => m.Progress, Describe);
        if (!ctx.Out.Json && last?.Migration is { } migration)
        {
            ctx.Out.Console.Write(Table([migration]));
        }

        return last?.Progress?.State == OperationState.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Describe(WatchMigrationResponse message) => message.Migration is { } m
        ? $"{m.Move?.DomainId} {Render.Name(m.Phase)}: batch {m.BatchesDone}/{m.BatchesTotal}, {m.PointsCopied:N0}/{m.PointsTotal:N0} points"
        : Render.Progress(message.Progress);

    private static async Task<ClusterRef> PrimaryAsync(CommandContext ctx, string library, string domain)
    {
        var table = await ctx.Mesh.Specialization.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library }, deadline: ctx.Deadline);
        return table.Table.Entries.FirstOrDefault(e => e.DomainId == domain)?.Primary
            ?? throw CliException.NotFound($"DOMAIN: {library} has no domain '{domain}' in its routing table; mcctl placements {library} lists them.");
    }
}
