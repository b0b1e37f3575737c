using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.Diagnostics;
using MultiCluster.Storage.Redis;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry (Extensions.Hosting) for the host: traces of gRPC (server spans from ASP.NET Core, client spans from
/// Grpc.Net.Client), messaging, Redis, Npgsql and HttpClient, exported over OTLP when an endpoint is set, and metrics to
/// OTLP too (they are always at /metrics, see <see cref="MetricsExtensions"/>). Tracing runs even without an exporter,
/// so calls have trace and span ids for the logs.
/// </summary>
public static class OpenTelemetryExtensions
{
    private static readonly PathString[] ProbePaths = ["/healthz", "/readyz", MetricsExtensions.MetricsPath];

    public static WebApplicationBuilder AddServiceOpenTelemetry(this WebApplicationBuilder builder, string serviceName, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(options);

        // W3C trace context only (the SDK's default adds baggage, which nothing here uses). With it, HttpClient's own
        // handler propagates the context, as each handler is configured to; the SDK's default would make the
        // HttpClient instrumentation write a traceparent of its own, over the one the gRPC client sets from its span.
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                    .AddAspNetCoreInstrumentation(server =>
                    {
                        // One span per gRPC call, named for its method. Probes and gRPC health checks start no trace:
                        // what they run (SELECT 1, PING) stays untraced, as Npgsql's and Redis's filters skip commands
                        // outside a recorded span.
                        server.EnrichWithHttpResponse = GrpcServerSpan.Enrich;
                        server.Filter = http => !IsProbe(http.Request);
                    })
                    .AddGrpcClientInstrumentation()
                    .AddRedisInstrumentation(RedisTracing.Configure)
                    .AddSource(MessagingDiagnostics.ActivitySourceName)
                    .AddNpgsql()
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !IsGrpc(request.Content?.Headers.ContentType?.MediaType));
                if (options.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(otlp => Configure(otlp, endpoint, options.OtlpProtocol, "v1/traces"));
                }
            });
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter(otlp => Configure(otlp, endpoint, options.OtlpProtocol, "v1/metrics")));
        }

        builder.Services.AddHostedService<TelemetryStartup>();
        return builder;
    }

    private static bool IsProbe(HttpRequest request) =>
        ProbePaths.Contains(request.Path) || request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);

    // Grpc.Net.Client makes the client span of a call itself; an HTTP span of the same call would double it.
    private static bool IsGrpc(string? contentType) => contentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    // Set in code, the endpoint is used as given: over HTTP it must name the signal's path itself.
    private static void Configure(OtlpExporterOptions otlp, Uri endpoint, OtlpTransport transport, string httpPath)
    {
        otlp.Protocol = transport == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        otlp.Endpoint = transport == OtlpTransport.Grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + httpPath);
    }
}
