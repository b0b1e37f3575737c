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
        using (var channel = host.CreateChannel())
        {
            await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        }

        // Disposing the host disposes the tracer provider, which flushes its batch.
        await host.DisposeAsync();

        // The test's client span is exported too: the host's tracer listens to the gRPC runtime in the whole process.
        var span = Assert.Single(receiver.Spans, s => s is { Name: "library.v1.DiscoveryService/GetDomainMap", Kind: ServerKind });
        Assert.Equal(("otlp-test-service", "MultiCluster.Grpc"), (span.Service, span.Scope));
        Assert.Equal("grpc", span.Attribute("rpc.system"));
        Assert.Single(host.Logs.Entries, e => e.EventId == 9);
    }
}
