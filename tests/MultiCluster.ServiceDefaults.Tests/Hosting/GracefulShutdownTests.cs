using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Health;
using MultiCluster.ServiceDefaults.Hosting;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Hosting;

/// <summary>A stop turns health NOT_SERVING first, then lets in-flight calls finish within the shutdown timeout.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task InFlightCall_FinishesAfterTheStopBegan_WhileHealthIsAlreadyNotServing()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var channel = host.CreateChannel();
        host.Gate.Close();
        var call = new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader));
        await host.Gate.Entered.Within();

        var stopping = host.StopAsync();
        var shutdown = (ShutdownState)host.Services.GetService(typeof(ShutdownState))!;
        var readiness = (ReadinessProbe)host.Services.GetService(typeof(ReadinessProbe))!;
        await Eventually.TrueAsync(() => shutdown.IsStopping && !readiness.IsReady, "readiness to report the shutdown");
        Assert.False(stopping.IsCompleted, "The host must wait for the call in flight.");

        host.Gate.Open();
        var response = await call.ResponseAsync.Within();
        await stopping;

        Assert.Equal("dashboard", response.Map.Library);
    }

    [Fact]
    public async Task DuringTheDrainDelay_ProbesAndGrpcHealthSayNotServing_WhileCallsAreStillTaken()
    {
        await using var host = await DefaultsHost.StartAsync(new Dictionary<string, string?> { ["Service:DrainDelay"] = "00:00:04", ["Service:ShutdownTimeout"] = "00:00:10" });
        using var channel = host.CreateChannel();
        var discovery = new DiscoveryService.DiscoveryServiceClient(channel);
        var healthClient = new HealthClient(channel);
        await discovery.GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();

        var stopping = host.StopAsync();
        var shutdown = (ShutdownState)host.Services.GetService(typeof(ShutdownState))!;
        await Eventually.TrueAsync(() => shutdown.IsStopping, "the stop to begin");
        var ready = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)).Within();
        var grpcHealth = await healthClient.CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();
        var stillServed = await discovery.GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        await stopping;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, grpcHealth.Status);
        Assert.Equal("dashboard", stillServed.Map.Library);
    }

    [Fact]
    public async Task CallOutlivingTheShutdownTimeout_IsCut_AndTheStopDoesNotHang()
    {
        await using var host = await DefaultsHost.StartAsync(new Dictionary<string, string?> { ["Service:ShutdownTimeout"] = "00:00:00.500" });
        using var channel = host.CreateChannel();
        host.Gate.Close();
        var call = new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader));
        await host.Gate.Entered.Within();
        var started = DateTime.UtcNow;

        await host.StopAsync();

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "The stop waited far beyond the 0.5 s shutdown timeout.");
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Within());
    }
}
