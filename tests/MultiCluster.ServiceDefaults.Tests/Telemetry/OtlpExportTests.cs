using System.Diagnostics;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using MultiCluster.TestInfrastructure.Otlp;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Telemetry;

/// <summary>With Telemetry:OtlpEndpoint set, spans of our gRPC runtime reach an OTLP receiver, named for the service.</summary>
public sealed class OtlpExportTests
{
    private const int ServerKind = 2; // OTLP's SPAN_KIND_SERVER

    [Theory]
    [InlineData("grpc")]
    [InlineData("httpprotobuf")]
    public async Task Spans_AreExportedOverOtlp_WithTheServiceName(string protocol)
    {
        await using var receiver = await OtlpReceiver.StartAsync(protocol);
        var host = await DefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Service:Name"] = "otlp-test-service",
            ["Telemetry:OtlpEndpoint"] = receiver.Address,
            ["Telemetry:OtlpProtocol"] = protocol,
        });
        string traceId;
        using (var channel = host.CreateChannel())
        // Recorded, as a sampled caller's trace is: under a parent-based sampler an unrecorded parent drops the spans.
        using (var call = new Activity("otlp-test-call") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = call.TraceId.ToHexString();
            await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        }

        // Disposing the host disposes the tracer provider, which flushes its batch.
        await host.DisposeAsync();

        // The host's tracer listens to ASP.NET Core and Grpc.Net.Client in the whole test process, so it exports the
        // calls of tests running alongside (and this test's client span) too: the trace id tells this call's server span apart.
        var span = Assert.Single(receiver.Spans, s => s is { Name: "library.v1.DiscoveryService/GetDomainMap", Kind: ServerKind } && s.TraceId == traceId);
        Assert.Equal(("otlp-test-service", "Microsoft.AspNetCore"), (span.Service, span.Scope));
        Assert.Equal("grpc", span.Attribute("rpc.system"));
        Assert.Single(host.Logs.Entries, e => e.EventId == 9);
    }

    [Fact]
    public async Task Probes_StartNoTrace_WhileOtherHttpRequestsAreTraced()
    {
        await using var receiver = await OtlpReceiver.StartAsync("grpc");
        var host = await DefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Service:Name"] = "probe-test-service",
            ["Telemetry:OtlpEndpoint"] = receiver.Address,
        });
        string[] sent = ["/healthz", "/readyz", "/metrics", "/not-a-probe"];
        foreach (var path in sent)
        {
            using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative)).Within();
        }

        await host.DisposeAsync();

        // The host's tracer listens process-wide, so it also exports gRPC calls of tests running alongside: only the
        // requests this test sent are its to judge.
        var requests = receiver.Spans.Where(s => s is { Service: "probe-test-service", Scope: "Microsoft.AspNetCore", Kind: ServerKind })
            .Select(s => s.Attribute("url.path")).Where(sent.Contains).ToList();
        Assert.Equal(["/not-a-probe"], requests);
    }
}
