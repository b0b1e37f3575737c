using System.Text;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests;

/// <summary>The cluster administration RPCs every host serves, against one running local cluster and two that are down.</summary>
public sealed class ClusterAdminTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    private static readonly Metadata Key = new() { { "x-api-key", ServiceHost.ApiKey } };

    public static TheoryData<string> Services => new(MeshFixture.ServiceNames);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task HealthCheckClusters_RunningClusterHealthy_UnreachableOnesDownWithAnIssue(string name)
    {
        using var channel = mesh.Hosts[name].CreateChannel();

        var response = await Client(channel).HealthCheckClustersAsync(new HealthCheckClustersRequest(), Key).ResponseAsync.Within();

        var byName = response.Clusters.ToDictionary(c => c.Cluster.Name);
        Assert.Equal(HealthStatus.Healthy, byName["local-a"].Status);
        Assert.True(byName["local-a"].LatencyMs > 0);
        Assert.Equal(HealthStatus.Down, byName["local-b"].Status);
        Assert.NotEmpty(byName["local-b"].Issues[0].Message);
        Assert.Equal(HealthStatus.Down, response.Overall);
    }

    [Fact]
    public async Task GetClusterConfig_ListsConfiguredClusters_AndAnUnknownNameIsNotFound()
    {
        using var channel = mesh.Hosts["Orchestrator"].CreateChannel();
        var client = Client(channel);

        var all = await client.GetClusterConfigAsync(new GetClusterConfigRequest(), Key).ResponseAsync.Within();
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetClusterConfigAsync(new GetClusterConfigRequest { Name = "nope" }, Key).ResponseAsync.Within());

        Assert.Equal(["local-a", "local-b", "local-c"], all.Clusters.Select(c => c.Name));
        Assert.Equal(mesh.ClusterAddress.ToString(), all.Clusters[0].Url);
        Assert.All(all.Clusters, c => Assert.Empty(c.ApiKey));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("local-a", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGlobalMetrics_CountsPointsAndLibrariesOnTheRunningCluster()
    {
        using var http = new HttpClient { BaseAddress = mesh.ClusterAddress };
        await Send(http, HttpMethod.Put, "/collections/docs__d1", """{"vectors":{"size":2,"distance":"Dot"}}""");
        await Send(http, HttpMethod.Put, "/collections/docs__d1/points?wait=true", """{"points":[{"id":1,"vector":[1,0]},{"id":2,"vector":[0,1]},{"id":3,"vector":[1,1]}]}""");
        using var channel = mesh.Hosts["Rebalancer"].CreateChannel();

        var metrics = await Client(channel).GetGlobalMetricsAsync(new GetGlobalMetricsRequest(), Key).ResponseAsync.Within();

        Assert.Equal(3u, metrics.ClusterCount);
        Assert.Equal(1u, metrics.HealthyClusterCount);
        Assert.Equal(3ul, metrics.PointCount);
        Assert.Equal(1u, metrics.LibraryCount);
        Assert.Equal(HealthStatus.Down, metrics.Clusters.Single(c => c.Cluster.Name == "local-c").Health);
    }

    [Fact]
    public async Task SetClusterConfig_SaysItIsNotBuiltAndWhatToDoInstead()
    {
        using var channel = mesh.Hosts["Discovery"].CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).SetClusterConfigAsync(new SetClusterConfigRequest(), Key).ResponseAsync.Within());

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("clusters.yaml", ex.Status.Detail, StringComparison.Ordinal);
    }

    private static ClusterAdminService.ClusterAdminServiceClient Client(global::Grpc.Net.Client.GrpcChannel channel) => new(channel);

    private static async Task Send(HttpClient http, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request).Within();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
