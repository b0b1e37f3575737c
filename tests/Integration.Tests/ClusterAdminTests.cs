using System.Net;
using System.Net.Sockets;
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
    public async Task HealthCheckClusters_ReportsEachProblemAsAnIssue_AndAHungClusterAsDownWithinTheRequestedTimeout()
    {
        // Listening but never accepting: connections open, requests go unanswered, as a hung cluster's do.
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        var hungUrl = $"http://127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}";
        await using var host = await ServiceHost.StartAsync("Orchestrator",
        [
            .. mesh.SettingsFor("Orchestrator"),
            ("CLUSTERS__LOCAL_A__DEGRADED_MEMORY_BYTES", "1"),
            ("CLUSTERS__LOCAL_C__URL", hungUrl),
            ("CLUSTERS__LOCAL_C__GRPC_URL", hungUrl),
            ("CLUSTERS__LOCAL_C__TIMEOUT_MS", "1500"),
        ]);
        using var channel = host.CreateChannel();

        var response = await Client(channel).HealthCheckClustersAsync(new HealthCheckClustersRequest { TimeoutMs = 300 }, Key).ResponseAsync.Within();

        Assert.Equal(["local-a", "local-b", "local-c"], response.Clusters.Select(c => c.Cluster.Name));
        var memory = response.Clusters[0];
        Assert.Equal(HealthStatus.Degraded, memory.Status);
        var issue = Assert.Single(memory.Issues);
        Assert.Equal(("CLUSTER_MEMORY_HIGH", IssueSeverity.Warning, "local-a"), (issue.Code, issue.Severity, issue.Subject));
        Assert.Contains("degraded_memory_bytes", issue.Message, StringComparison.Ordinal);
        var timedOut = response.Clusters[2];
        Assert.Equal(HealthStatus.Down, timedOut.Status);
        Assert.Equal("CLUSTER_DOWN", Assert.Single(timedOut.Issues).Code);
        Assert.Contains("within 300 ms", timedOut.Issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Down, response.Overall);
    }

    [Theory]
    [InlineData(300_001u)]
    [InlineData(uint.MaxValue)]
    public async Task HealthCheckClusters_WithATimeoutAboveFiveMinutes_IsRefused_NamingTheFieldAndItsRange(uint timeoutMs)
    {
        using var channel = mesh.Hosts["Orchestrator"].CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).HealthCheckClustersAsync(new HealthCheckClustersRequest { TimeoutMs = timeoutMs }, Key).ResponseAsync.Within());

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith($"timeout_ms: {timeoutMs} is above the longest probe allowed, 300000 ms", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheckClusters_WithThousandsOfUnknownNames_IsNotFound_QuotingAFewOfThemShort()
    {
        using var channel = mesh.Hosts["Orchestrator"].CreateChannel();
        var request = new HealthCheckClustersRequest { Names = { Enumerable.Range(0, 2_000).Select(i => $"missing-{i}-" + new string('x', 500)) } };

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).HealthCheckClustersAsync(request, Key).ResponseAsync.Within());

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.StartsWith("names: no cluster named 'missing-0-xxx", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("and 1,995 more. Configured clusters: local-a, local-b, local-c.", ex.Status.Detail, StringComparison.Ordinal);
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
    public async Task SetClusterConfig_WithoutAnOverridesFile_IsRefused_SayingHowToEnableIt()
    {
        using var channel = mesh.Hosts["Discovery"].CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).SetClusterConfigAsync(NewCluster("eu-1", "http://127.0.0.1:7000"), Key).ResponseAsync.Within());

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("CLUSTERS_OVERRIDES_FILE", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetClusterConfig_BadInput_IsInvalidArgument_NamingEachField()
    {
        using var channel = mesh.Hosts["Specialization"].CreateChannel();
        var client = Client(channel);

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.SetClusterConfigAsync(new SetClusterConfigRequest(), Key).ResponseAsync.Within());
        var bad = await Assert.ThrowsAsync<RpcException>(() => client.SetClusterConfigAsync(NewCluster("EU 1", "ftp://x"), Key).ResponseAsync.Within());

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (missing.StatusCode, bad.StatusCode));
        Assert.Contains("cluster: missing", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("cluster.name: 'EU 1'", bad.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("cluster.url: 'ftp://x'", bad.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetClusterConfig_AddsACluster_WithoutEverReturningItsKey_AndTheChangeSurvivesARestart()
    {
        var directory = Directory.CreateTempSubdirectory("cluster-overrides-");
        try
        {
            (string, string)[] settings = [.. mesh.SettingsFor("Rebalancer"), ("CLUSTERS_OVERRIDES_FILE", Path.Combine(directory.FullName, "clusters.overrides.json"))];
            var request = NewCluster("eu-1", mesh.ClusterAddress.ToString());
            request.Cluster.ApiKey = "a-cluster-key-nobody-may-read";
            request.Cluster.Draining = true;
            request.Cluster.CapacityPoints = 5000;
            request.ValidateConnectivity = true;
            SetClusterConfigResponse set;
            var host = await ServiceHost.StartAsync("Rebalancer", settings);
            try
            {
                using var channel = host.CreateChannel();
                set = await Client(channel).SetClusterConfigAsync(request, Key).ResponseAsync.Within();
                await LoggedAsync(host, "eu-1 added at run time").Within();
            }
            finally
            {
                await host.DisposeAsync();
            }

            await using var restarted = await ServiceHost.StartAsync("Rebalancer", settings);
            using var again = restarted.CreateChannel();
            var kept = (await Client(again).GetClusterConfigAsync(new GetClusterConfigRequest { Name = "eu-1" }, Key).ResponseAsync.Within()).Clusters.Single();

            Assert.True(set.Created);
            Assert.Equal(("", true, "eu-west-1"), (set.Cluster.ApiKey, set.Cluster.ApiKeySet, set.Cluster.Region));
            Assert.Equal((mesh.ClusterAddress.ToString(), "", true, true, 5000ul, false), (kept.Url, kept.ApiKey, kept.ApiKeySet, kept.Draining, kept.CapacityPoints, kept.IsDefault));
            Assert.DoesNotContain("a-cluster-key-nobody-may-read", host.Log + restarted.Log, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SetClusterConfig_WithValidateConnectivity_RefusesAClusterThatDoesNotAnswer()
    {
        var directory = Directory.CreateTempSubdirectory("cluster-overrides-");
        try
        {
            await using var host = await ServiceHost.StartAsync("Orchestrator", [.. mesh.SettingsFor("Orchestrator"), ("CLUSTERS_OVERRIDES_FILE", Path.Combine(directory.FullName, "clusters.overrides.json"))]);
            using var channel = host.CreateChannel();
            var request = NewCluster("eu-1", $"http://127.0.0.1:{FreePort.Next()}");
            request.ValidateConnectivity = true;

            var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).SetClusterConfigAsync(request, Key).ResponseAsync.Within());

            Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
            Assert.Contains("nothing was changed", ex.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // The console logger writes from a queue: wait for the line rather than read the log before it lands.
    private static async Task LoggedAsync(ServiceHost host, string text)
    {
        while (!host.Log.Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(20);
        }
    }

    private static SetClusterConfigRequest NewCluster(string name, string url) =>
        new() { Cluster = new ClusterConfig { Name = name, Url = url, Region = "eu-west-1" } };

    private static ClusterAdminService.ClusterAdminServiceClient Client(global::Grpc.Net.Client.GrpcChannel channel) => new(channel);

    private static async Task Send(HttpClient http, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request).Within();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
