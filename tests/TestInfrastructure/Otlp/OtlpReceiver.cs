using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MultiCluster.TestInfrastructure.Otlp;

/// <summary>
/// An OTLP trace receiver in the test process, as a collector serves it: over gRPC (TraceService/Export, on
/// Grpc.AspNetCore) or over HTTP (POST /v1/traces, protobuf body). Telemetry:OtlpProtocol picks the same name.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<CollectedSpan> _spans = new();
    private IAsyncDisposable _server = null!;

    private OtlpReceiver()
    {
    }

    /// <summary>The base address hosts export to (Telemetry:OtlpEndpoint).</summary>
    public string Address { get; private set; } = "";

    public IReadOnlyList<CollectedSpan> Spans => [.. _spans];

    /// <summary>Starts a receiver for <paramref name="protocol"/>, "grpc" or "httpprotobuf".</summary>
    public static async Task<OtlpReceiver> StartAsync(string protocol)
    {
        var receiver = new OtlpReceiver();
        if (protocol == "grpc")
        {
            var server = await GrpcTestServer.StartAsync(
                app => app.MapGrpcService<OtlpTraceService>(),
                services: services => services.AddSingleton(new OtlpTraceService(receiver.Add)));
            (receiver._server, receiver.Address) = (server, server.Address.AbsoluteUri);
        }
        else
        {
            var app = await StartHttpAsync(receiver.Add);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            (receiver._server, receiver.Address) = (app, address);
        }

        return receiver;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static async Task<WebApplication> StartHttpAsync(Action<ExportTraceServiceRequest> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received(ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    private void Add(ExportTraceServiceRequest request)
    {
        foreach (var resource in request.ResourceSpans)
        {
            var service = Text(resource.Resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value);
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    var attributes = span.Attributes.ToDictionary(a => a.Key, a => Text(a.Value), StringComparer.Ordinal);
                    _spans.Enqueue(new CollectedSpan(service, scope.Scope?.Name ?? "", Hex(span.TraceId), Hex(span.SpanId), Hex(span.ParentSpanId), span.Name, span.Kind, attributes));
                }
            }
        }
    }

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    private static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
