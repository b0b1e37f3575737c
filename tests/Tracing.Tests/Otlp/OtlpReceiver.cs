using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tracing.Tests.Otlp;

/// <summary>An OTLP/HTTP (protobuf) trace receiver in the test process: POST /v1/traces, as a collector serves it.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CollectedSpan> _spans = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address hosts export to (Telemetry:OtlpEndpoint with OtlpProtocol httpprotobuf).</summary>
    public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public IReadOnlyList<CollectedSpan> Spans => [.. _spans];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Add(ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray()));
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Add(ExportTraceServiceRequest request)
    {
        foreach (var resource in request.ResourceSpans)
        {
            var service = resource.Resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "";
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    _spans.Enqueue(new CollectedSpan(service, scope.Scope?.Name ?? "", Hex(span.TraceId), Hex(span.SpanId), Hex(span.ParentSpanId), span.Name, span.Kind));
                }
            }
        }
    }

    private static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
