using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Telemetry;

/// <summary>With Telemetry:OtlpEndpoint set, spans of our gRPC runtime reach an OTLP receiver with service.name.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Spans_AreExportedOverOtlpHttp_WithTheServiceName()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (receiver, address) = await StartReceiverAsync(received);
        await using var _ = receiver;
        var host = await DefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Service:Name"] = "otlp-test-service",
            ["Telemetry:OtlpEndpoint"] = address,
            ["Telemetry:OtlpProtocol"] = "httpprotobuf",
        });
        using (var channel = host.CreateChannel())
        {
            await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
        }

        // Disposing the host disposes the tracer provider, which flushes its batch.
        await host.DisposeAsync();
        var body = Encoding.UTF8.GetString(await received.Task.Within());

        Assert.Contains("service.name", body, StringComparison.Ordinal);
        Assert.Contains("otlp-test-service", body, StringComparison.Ordinal);
        Assert.Contains("library.v1.DiscoveryService/GetDomainMap", body, StringComparison.Ordinal);
        Assert.Single(host.Logs.Entries, e => e.EventId == 9);
    }

    private static async Task<(WebApplication App, string Address)> StartReceiverAsync(TaskCompletionSource<byte[]> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.TrySetResult(body.ToArray());
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, address);
    }
}
