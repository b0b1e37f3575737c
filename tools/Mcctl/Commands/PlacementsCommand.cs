using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `placements LIBRARY`: where each domain lives and what moves run: Specialization's GetSpecializationStatus (the
/// placements it planned) beside its routing table (GetRoutingTable: where each domain is served from now, which a
/// migration or a rebalancing move changes without a new plan).
/// </summary>
internal static class PlacementsCommand
{
    public static Command Build()
    {
        var library = Arguments.Library();
        var command = new Command("placements", "Each domain's primary cluster and replicas, and the migrations running (Specialization)") { library };
        return command.Runs(async ctx =>
        {
            var status = await ctx.Mesh.Specialization.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = ctx.Get(library) }, deadline: ctx.Deadline);
            var routing = await ctx.Mesh.Specialization.GetRoutingTableAsync(new GetRoutingTableRequest { Library = ctx.Get(library) }, deadline: ctx.Deadline);
            ctx.Out.Emit([("status", status), ("routing", routing)], console =>
            {
                console.MarkupLine($"[bold]{Render.Text(status.Library)}[/]: {Render.Name(status.State)}, placed for domain map v{status.DomainMapVersion} " +
                    $"(latest v{status.LatestDomainMapVersion}), routing v{status.RoutingVersion}, {Render.Count(status.UnassignedPoints)} points unassigned");
                var placements = Render.Table("domain", "collection", "planned primary", "serving from", "state", "points", "why");
                foreach (var placement in status.Placements)
                {
                    var route = routing.Table?.Entries.FirstOrDefault(e => e.DomainId == placement.DomainId);
                    placements.AddRow(Render.Text(placement.DomainId), Render.Text(placement.CollectionName), Render.Cluster(placement.Primary),
                        route is null ? "-" : Render.Cluster(route.Primary) + (route.Migrating ? " [yellow](moving)[/]" : ""),
                        Render.Name(placement.State), Render.Count(placement.PointCount), Render.Text(placement.Reason));
                }

                console.Write(placements.Title("placements"));
                if (status.ActiveMigrations.Count > 0)
                {
                    console.Write(MigrateCommand.Table(status.ActiveMigrations).Title("migrations running"));
                }
            });
            return ExitCodes.Ok;
        });
    }
}
