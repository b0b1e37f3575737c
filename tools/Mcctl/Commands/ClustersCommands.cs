using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>`clusters health|config`: ClusterAdminService's HealthCheckClusters and GetClusterConfig, as the Orchestrator sees them.</summary>
internal static class ClustersCommands
{
    public static Command Build() => new("clusters", "The vector clusters behind the mesh") { Health(), Config() };

    private static Command Health()
    {
        var names = new Argument<string[]>("NAME") { Description = "Only these clusters (all when left out)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("health", "Probe each cluster now: status, latency, version, issues") { names };
        return command.Runs(async ctx =>
        {
            var request = new HealthCheckClustersRequest();
            request.Names.AddRange(ctx.Get(names) ?? []);
            var response = await ctx.Mesh.ClusterAdmin.HealthCheckClustersAsync(request, deadline: ctx.Deadline);
            ctx.Out.Emit(response, console =>
            {
                var table = Render.Table("cluster", "status", "latency ms", "version", "issues");
                foreach (var cluster in response.Clusters)
                {
                    table.AddRow(Render.Cluster(cluster.Cluster), Render.Health(cluster.Status), Render.Number(cluster.LatencyMs, "0.0"), Render.Text(cluster.ServerVersion),
                        Render.Text(string.Join("; ", cluster.Issues.Select(i => i.Message))));
                }

                console.Write(table);
                console.MarkupLine($"overall: {Render.Health(response.Overall)}");
            });
            return response.Overall == HealthStatus.Down ? ExitCodes.Unavailable : ExitCodes.Ok;
        });
    }

    private static Command Config()
    {
        var name = Arguments.Optional("NAME", "Only this cluster (all when left out)");
        var command = new Command("config", "Each cluster's address, region, capacity and flags (API keys are never shown)") { name };
        return command.Runs(async ctx =>
        {
            var response = await ctx.Mesh.ClusterAdmin.GetClusterConfigAsync(new GetClusterConfigRequest { Name = ctx.Get(name) ?? "" }, deadline: ctx.Deadline);
            ctx.Out.Emit(response, console =>
            {
                var table = Render.Table("cluster", "url", "region", "capacity points", "default", "draining", "api key");
                foreach (var cluster in response.Clusters)
                {
                    table.AddRow(Render.Text(cluster.Name), Render.Text(cluster.Url), Render.Text(cluster.Region), Render.Count(cluster.CapacityPoints),
                        cluster.IsDefault ? "yes" : "", cluster.Draining ? "[yellow]yes[/]" : "", cluster.ApiKeySet ? "set" : "");
                }

                console.Write(table);
            });
            return ExitCodes.Ok;
        });
    }
}
