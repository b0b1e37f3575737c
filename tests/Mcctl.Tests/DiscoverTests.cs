using System.Text.Json;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Mcctl.Tests;

/// <summary>
/// One library of four blobs taken through the whole flow by mcctl alone: ingest, discover (to completion), the
/// placements Specialization makes on its own, a migration of one domain followed batch by batch, routing, events,
/// rebalancing analysis and a plan. One test, because each step needs the one before and the steps take seconds.
/// </summary>
[Collection(McctlGroup.Name)]
public sealed class DiscoverTests(McctlFixture mesh)
{
    private static readonly TimeSpan PlacementBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_library_goes_from_file_to_discovered_placed_and_migrated_domains_through_mcctl()
    {
        var name = McctlFixture.NewLibrary("flow");
        var rows = InputFiles.Blobs(480);
        var file = mesh.File(name + ".npy");
        InputFiles.Npy(file, rows);
        var ingest = await mesh.RunAsync("ingest", name, file, "--create", "--distance", "euclid");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        // discover: its progress stream to a terminal success, then the map.
        var discover = await mesh.RunAsync("discover", name, "--strategy", "kmeans", "--domains", "4", "--seed", "5", "-o", "json");
        Assert.True(discover.ExitCode == 0, discover.ToString());
        var lines = discover.JsonLines();
        var progress = lines.Where(l => l.TryGetProperty("progress", out _)).Select(l => l.GetProperty("progress")).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal("OPERATION_STATE_SUCCEEDED", progress[^1].GetProperty("state").GetString());
        Assert.True(progress[^1].GetProperty("terminal").GetBoolean());
        var map = lines[^1].GetProperty("map");
        Assert.Equal(4, map.GetProperty("domains").GetArrayLength());
        Assert.All(map.GetProperty("domains").EnumerateArray(), d => Assert.Equal("120", d.GetProperty("pointCount").GetString()));

        // placements: Specialization places the map on its own and empties "unassigned".
        var placed = await Eventually.ValueAsync(
            () => mesh.RunAsync("placements", name, "-o", "json"),
            r => r.ExitCode == 0 && r.Json().GetProperty("status") is var s && s.GetProperty("placements").EnumerateArray().Count(p => p.GetProperty("domainId").GetString() != "unassigned") == 4
                && s.GetProperty("unassignedPoints").GetString() == "0" && s.GetProperty("activeMigrations").GetArrayLength() == 0,
            $"Specialization to place the four domains of {name}", PlacementBound, TimeSpan.FromMilliseconds(500), r => r.ToString());
        var placement = placed.Json().GetProperty("status").GetProperty("placements").EnumerateArray().First(p => p.GetProperty("domainId").GetString() != "unassigned");
        var domain = placement.GetProperty("domainId").GetString()!;
        var from = placement.GetProperty("primary").GetProperty("name").GetString()!;
        var to = LocalClusterSet.DefaultNames.First(c => c != from);

        // migrate: followed batch by batch to the end.
        var migrate = await mesh.RunAsync("migrate", "start", name, domain, "--to", to, "--batch-size", "20", "-o", "json");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        var batches = migrate.JsonLines().Where(l => l.TryGetProperty("migration", out _)).Select(l => l.GetProperty("migration")).ToList();
        Assert.Equal("OPERATION_STATE_SUCCEEDED", batches[^1].GetProperty("state").GetString());
        Assert.Equal("6", batches[^1].GetProperty("batchesTotal").GetString());
        await Eventually.ValueAsync(
            () => mesh.RunAsync("placements", name, "-o", "json"),
            r => r.ExitCode == 0 && Primary(r.Json(), domain) == to,
            $"{domain} to have {to} as its primary", PlacementBound, TimeSpan.FromMilliseconds(500), r => r.ToString());

        // status, route, search after the move: the row is still found, from its new cluster.
        var status = await mesh.RunAsync("status", name);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains(domain, status.Output, StringComparison.Ordinal);
        var route = await mesh.RunAsync("route", name, "--vector", InputFiles.Text(rows[0]), "--explain", "-o", "json");
        Assert.True(route.ExitCode == 0, route.ToString());
        Assert.NotEmpty(route.Json().GetProperty("decision").GetProperty("targets").EnumerateArray());
        var search = await mesh.RunAsync("search", name, "--vector", InputFiles.Text(rows[0]), "--limit", "1", "-o", "json");
        Assert.Equal("0", search.Json().GetProperty("points")[0].GetProperty("id").GetString());

        // events tail: the current map comes first.
        var events = await mesh.RunAsync("events", "tail", name, "--count", "1", "-o", "json");
        Assert.True(events.ExitCode == 0, events.ToString());
        var change = events.Json();
        Assert.True(change.TryGetProperty("domainMap", out _) || change.TryGetProperty("routingTable", out _), events.ToString());

        // rebalance analyze and plan answer for the mesh.
        var analyze = await mesh.RunAsync("rebalance", "analyze", "-o", "json");
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        Assert.Equal(3, analyze.Json().GetProperty("clusters").GetArrayLength());
        var plan = await mesh.RunAsync("rebalance", "plan", name, "--force", "-o", "json");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.True(plan.Json().TryGetProperty("plan", out _), plan.ToString());
    }

    private static string? Primary(JsonElement placements, string domain) => placements.GetProperty("routing").GetProperty("table").GetProperty("entries").EnumerateArray()
        .Where(p => p.GetProperty("domainId").GetString() == domain).Select(p => p.GetProperty("primary").GetProperty("name").GetString()).FirstOrDefault();
}
