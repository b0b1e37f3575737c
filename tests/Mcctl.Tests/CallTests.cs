using Xunit;

namespace MultiCluster.Mcctl.Tests;

/// <summary>`call`: any RPC of the mesh from a JSON request, including those no command is made for.</summary>
[Collection(McctlGroup.Name)]
public sealed class CallTests(McctlFixture mesh)
{
    [Fact]
    public async Task Call_lists_a_services_rpcs_and_calls_one_with_a_json_request()
    {
        var listed = await mesh.RunAsync("call", "rebalancer");
        var strategies = await mesh.RunAsync("call", "discovery", "GetSupportedStrategies", "{}", "-o", "json");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("RebalancerService/WatchRebalancing(WatchRebalancingRequest) -> stream WatchRebalancingResponse", listed.Output, StringComparison.Ordinal);
        Assert.Contains("ClusterAdminService/HealthCheckClusters", listed.Output, StringComparison.Ordinal);
        Assert.True(strategies.ExitCode == 0, strategies.ToString());
        Assert.True(strategies.Json().GetProperty("strategies").GetArrayLength() >= 5, strategies.ToString());
    }

    [Fact]
    public async Task Call_streams_an_upsert_from_a_json_array_and_get_reads_it_back()
    {
        var name = McctlFixture.NewLibrary("call");
        var created = await mesh.RunAsync("library", "create", name, "--dimension", "2");

        var streamed = await mesh.RunAsync("call", "orchestrator", "UpsertStream",
            $$"""[{"library": "{{name}}", "points": [{"id": "1", "vector": [1, 0]}, {"id": "2", "vector": [0, 1]}], "wait": true}]""", "-o", "json");
        var read = await mesh.RunAsync("call", "orchestrator", "Get", $$"""{"library": "{{name}}", "ids": ["2"], "withVectors": true}""", "-o", "json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(streamed.ExitCode == 0, streamed.ToString());
        Assert.Equal("2", streamed.Json().GetProperty("upsertedCount").GetString());
        Assert.Equal("2", read.Json().GetProperty("points")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Call_of_an_unknown_rpc_or_a_request_that_is_not_json_exits_2()
    {
        var unknown = await mesh.RunAsync("call", "orchestrator", "Frobnicate");
        var notJson = await mesh.RunAsync("call", "orchestrator", "ListLibraries", "{pagination:");

        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("mcctl call orchestrator", unknown.Errors, StringComparison.Ordinal);
        Assert.True(notJson.ExitCode == 2, notJson.ToString());
        Assert.Contains("REQUEST", notJson.Errors, StringComparison.Ordinal);
    }
}
