using System.Net;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Telemetry;

/// <summary>/metrics of a host built with the defaults: RPC metrics by method and status, valid for promtool.</summary>
public sealed class MetricsEndpointTests
{
    private static readonly (string, string) Method = ("rpc_method", "GetDomainMap"), Service = ("rpc_service", "library.v1.DiscoveryService");

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

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, PrometheusText.Value(text, "rpc_server_calls_total", Status("OK"), Method, Service));
        Assert.Equal(1, PrometheusText.Value(text, "rpc_server_calls_total", Status("UNAUTHENTICATED"), Method, Service));
        Assert.Equal(2, PrometheusText.Value(text, "rpc_server_duration_seconds_count", Status("OK"), Method, Service));
        Assert.Equal(0, PrometheusText.Value(text, "rpc_server_active_calls", Method, Service));
        Assert.Equal(1, PrometheusText.Value(text, "service_ready", ("service", "defaults-test")));
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

        Assert.Equal(1, PrometheusText.Value(during, "rpc_server_active_calls", Method, Service));
    }

    [Fact]
    public async Task TwoHostsInOneProcess_EachCountOnlyTheirOwnCalls()
    {
        await using var first = await DefaultsHost.StartAsync();
        await using var second = await DefaultsHost.StartAsync();
        using var channel = first.CreateChannel();
        await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();

        var ofFirst = await first.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).Within();
        var ofSecond = await second.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).Within();

        Assert.Equal(1, PrometheusText.Value(ofFirst, "rpc_server_calls_total", Method, Service));
        Assert.Empty(PrometheusText.Samples(ofSecond, "rpc_server_calls_total", Method, Service));
    }

    [Fact]
    public async Task Metrics_ShowTheProcessMemoryAndCpu_TheRuntimeGc_AndTheHttpServerAndClient()
    {
        await using var host = await DefaultsHost.StartAsync();
        using (var channel = host.CreateChannel())
        {
            await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        }

        GC.Collect();
        var text = await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).Within();

        Assert.True(PrometheusText.Value(text, "dotnet_process_memory_working_set_bytes") > 1_000_000, "no working set:\n" + text);
        Assert.True(PrometheusText.Samples(text, "dotnet_process_cpu_time_seconds_total").Sum() > 0, "no CPU time:\n" + text);
        Assert.True(PrometheusText.Value(text, "dotnet_gc_collections_total", ("gc_heap_generation", "gen2")) >= 1, "no GC collections:\n" + text);
        Assert.True(PrometheusText.Value(text, "dotnet_gc_heap_total_allocated_bytes_total") > 0, "no allocations:\n" + text);
        Assert.Equal(1, PrometheusText.Value(text, "http_server_request_duration_seconds_count", ("http_route", "/library.v1.DiscoveryService/GetDomainMap")));
        Assert.NotEmpty(PrometheusText.Samples(text, "kestrel_active_connections"));
        Assert.NotEmpty(PrometheusText.Samples(text, "http_client_request_duration_seconds_count"));
    }

    [Fact]
    public async Task Metrics_AreNotServedOnTheGrpcPort()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var http2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var onGrpcPort = await http2.GetAsync(new Uri($"http://127.0.0.1:{host.Listeners.GrpcEndPoint.Port}/metrics")).Within();
        using var onHttpPort = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative)).Within();

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (onGrpcPort.StatusCode, onHttpPort.StatusCode));
    }

    private static (string, string) Status(string code) => ("rpc_grpc_status", code);
}
