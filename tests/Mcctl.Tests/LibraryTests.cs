using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Mcctl.Tests;

[Collection(McctlGroup.Name)]
public sealed class LibraryTests(McctlFixture mesh)
{
    [Fact]
    public async Task Library_create_list_and_drop_change_what_the_Orchestrator_lists()
    {
        var name = McctlFixture.NewLibrary("lib");

        var created = await mesh.RunAsync("library", "create", name, "--dimension", "8", "--distance", "dot", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(created.Json().GetProperty("created").GetBoolean());
        Assert.Equal(8, created.Json().GetProperty("library").GetProperty("dimension").GetInt32());
        Assert.Equal("DISTANCE_DOT", created.Json().GetProperty("library").GetProperty("distance").GetString());

        var listed = await mesh.RunAsync("library", "list", "-o", "json");
        Assert.Contains(listed.Json().GetProperty("libraries").EnumerateArray(), l => l.GetProperty("name").GetString() == name);
        var table = await mesh.RunAsync("library", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(name, table.Output, StringComparison.Ordinal);

        var dropped = await mesh.RunAsync("library", "drop", name, "-o", "json");
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.True(dropped.Json().GetProperty("dropped").GetBoolean());
        var after = await mesh.RunAsync("library", "list", "-o", "json");
        Assert.DoesNotContain(after.Json().GetProperty("libraries").EnumerateArray(), l => l.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Dropping_a_library_that_does_not_exist_exits_3_unless_if_exists_is_given()
    {
        var name = McctlFixture.NewLibrary("none");

        var missing = await mesh.RunAsync("library", "drop", name);
        var tolerated = await mesh.RunAsync("library", "drop", name, "--if-exists");

        Assert.True(missing.ExitCode == 3, missing.ToString());
        Assert.Contains(name, missing.Errors, StringComparison.Ordinal);
        Assert.True(tolerated.ExitCode == 0, tolerated.ToString());
    }

    [Fact]
    public async Task Status_of_the_mesh_shows_every_cluster_healthy_and_clusters_health_agrees()
    {
        var status = await mesh.RunAsync("status", "-o", "json");
        var health = await mesh.RunAsync("clusters", "health", "-o", "json");
        var config = await mesh.RunAsync("clusters", "config");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(3, status.Json().GetProperty("metrics").GetProperty("clusters").GetArrayLength());
        Assert.True(health.ExitCode == 0, health.ToString());
        Assert.Equal("HEALTH_STATUS_HEALTHY", health.Json().GetProperty("overall").GetString());
        Assert.Equal(LocalClusterSet.DefaultNames.Order(), health.Json().GetProperty("clusters").EnumerateArray()
            .Select(c => c.GetProperty("cluster").GetProperty("name").GetString()!).Order());
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.All(LocalClusterSet.DefaultNames, name => Assert.Contains(name, config.Output, StringComparison.Ordinal));
    }
}
