using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Telemetry;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Telemetry;

/// <summary>/metrics of a host built with the defaults: RPC metrics by method and status, valid for promtool.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_CountCallsByMethodAndStatus_AndPassPromtool()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var channel = host.CreateChannel();
        var discovery = new DiscoveryService.DiscoveryServiceClient(channel);
        await discovery.GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        await discovery.GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        await Assert.ThrowsAsync<RpcException>(() => discovery.GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(null)).ResponseAsync.Within());

        var response = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative)).Within();
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(PrometheusExporter.ContentType, response.Content.Headers.ContentType!.ToString());
        Assert.Contains("rpc_server_calls_total{rpc_grpc_status=\"OK\",rpc_method=\"GetDomainMap\",rpc_service=\"library.v1.DiscoveryService\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("rpc_server_calls_total{rpc_grpc_status=\"UNAUTHENTICATED\",rpc_method=\"GetDomainMap\",rpc_service=\"library.v1.DiscoveryService\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("rpc_server_duration_seconds_count{rpc_grpc_status=\"OK\",rpc_method=\"GetDomainMap\",rpc_service=\"library.v1.DiscoveryService\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("rpc_server_active_calls{rpc_method=\"GetDomainMap\",rpc_service=\"library.v1.DiscoveryService\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("service_ready{service=\"defaults-test\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", text, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(text);
    }

    [Fact]
    public async Task InFlightCalls_AreCountedWhileTheyRun()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var channel = host.CreateChannel();
        host.Gate.Close();
        var call = new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader));
        await host.Gate.Entered.Within();

        var during = await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).Within();
        host.Gate.Open();
        await call.ResponseAsync.Within();

        Assert.Contains("rpc_server_active_calls{rpc_method=\"GetDomainMap\",rpc_service=\"library.v1.DiscoveryService\"} 1\n", during, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoHostsInOneProcess_EachCountOnlyTheirOwnCalls()
    {
        await using var first = await DefaultsHost.StartAsync();
        await using var second = await DefaultsHost.StartAsync();
        using var channel = first.CreateChannel();
        await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();

        var text = await second.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).Within();

        Assert.DoesNotContain("rpc_method=\"GetDomainMap\"", text, StringComparison.Ordinal);
    }
}
