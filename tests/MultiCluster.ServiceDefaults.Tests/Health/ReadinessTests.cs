using System.Net;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiCluster.ServiceDefaults.Health;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace MultiCluster.ServiceDefaults.Tests.Health;

/// <summary>/healthz is alive; /readyz and gRPC health follow the registered readiness checks.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task NoReadinessChecks_IsReadyAndEveryMappedServiceIsServing()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var channel = host.CreateChannel();
        var health = new HealthClient(channel);

        var ready = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)).Within();
        var alive = await host.Http.GetStringAsync(new Uri("/healthz", UriKind.Relative)).Within();
        var statuses = new List<WireStatus>();
        foreach (var service in new[] { "", "library.v1.ClusterAdminService", "library.v1.DiscoveryService", "library.v1.SpecializationService" })
        {
            statuses.Add((await health.CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync.Within()).Status);
        }

        var unmapped = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(new HealthCheckRequest { Service = "library.v1.RebalancerService" }).ResponseAsync.Within());

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ok", alive);
        Assert.All(statuses, s => Assert.Equal(WireStatus.Serving, s));
        Assert.Equal(StatusCode.NotFound, unmapped.StatusCode);
    }

    [Fact]
    public async Task DefaultClusterThatDoesNotAnswer_MakesTheHostNotReady()
    {
        await using var host = await DefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Health:RequireClusters"] = "true",
            ["CLUSTERS:LOCAL_A:URL"] = $"http://127.0.0.1:{MultiCluster.TestInfrastructure.FreePort.Next()}",
        });

        var notReady = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)).Within();
        var body = await notReady.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var clusters = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "clusters");
        Assert.Contains("The default cluster 'local-a' does not answer", clusters.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingCheck_MakesReadyzAnswer503AndGrpcHealthNotServing_UntilItPasses()
    {
        var database = new Switch();
        await using var host = await DefaultsHost.StartAsync(configure: builder =>
            builder.Services.AddReadinessCheck("database", _ => Task.FromResult(database.On ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database down"))));
        using var channel = host.CreateChannel();
        var health = new HealthClient(channel);

        var notReady = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)).Within();
        var body = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync());
        var server = await health.CheckAsync(new HealthCheckRequest { Service = "" }).ResponseAsync.Within();
        var discovery = await health.CheckAsync(new HealthCheckRequest { Service = "library.v1.DiscoveryService" }).ResponseAsync.Within();
        var alive = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative)).Within();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("status").GetString() == "Unhealthy");
        Assert.Equal("database", check.GetProperty("name").GetString());
        Assert.Equal("database down", check.GetProperty("description").GetString());
        Assert.Equal(WireStatus.NotServing, server.Status);
        Assert.Equal(WireStatus.NotServing, discovery.Status);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        database.On = true;
        var ready = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)).Within();
        var serving = await health.CheckAsync(new HealthCheckRequest { Service = "library.v1.DiscoveryService" }).ResponseAsync.Within();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(WireStatus.Serving, serving.Status);
    }

    [Fact]
    public async Task GrpcHealth_FollowsACheckWithoutAnyProbe()
    {
        var broker = new Switch { On = true };
        await using var host = await DefaultsHost.StartAsync(
            new Dictionary<string, string?> { ["Health:PollInterval"] = "00:00:00.100" },
            builder => builder.Services.AddReadinessCheck("broker", _ => Task.FromResult(broker.On ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("broker down"))));
        using var channel = host.CreateChannel();
        var health = new HealthClient(channel);
        using var watch = health.Watch(new HealthCheckRequest { Service = "" });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).Within());
        Assert.Equal(WireStatus.Serving, watch.ResponseStream.Current.Status);

        broker.On = false;

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).Within());
        Assert.Equal(WireStatus.NotServing, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task CheckThatNeverAnswers_FailsAfterTheCheckTimeout()
    {
        await using var host = await DefaultsHost.StartAsync(
            new Dictionary<string, string?> { ["Health:CheckTimeout"] = "00:00:00.200" },
            builder => builder.Services.AddReadinessCheck("stuck", async cancellationToken =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return HealthCheckResult.Healthy();
            }));

        var response = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)).Within();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Probes_AreNotServedOnTheGrpcPort()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var http2 = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var response = await http2.GetAsync(new Uri(host.Listeners.GrpcAddress, "/readyz")).Within();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed class Switch
    {
        public volatile bool On;
    }
}
