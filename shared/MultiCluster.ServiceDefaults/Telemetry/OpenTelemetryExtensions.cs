using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.ServiceDefaults.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry tracing of gRPC (server spans from ASP.NET Core, client spans from Grpc.Net.Client), messaging and Npgsql, exported over OTLP when an endpoint is set, and
/// metrics to OTLP too. Tracing runs even without an exporter, so calls have trace and span ids for the logs.
/// Providers are built with the Sdk (OpenTelemetry.Extensions.Hosting is not available) and disposed with the host.
/// </summary>
public static class OpenTelemetryExtensions
{
    /// <summary>Activity sources traced; one that does not exist in a service (Npgsql in Orchestrator) costs nothing.</summary>
    public static readonly string[] Sources = ["MultiCluster.Messaging", "MultiCluster.Redis", "Npgsql"];

    public static WebApplicationBuilder AddServiceOpenTelemetry(this WebApplicationBuilder builder, string serviceName, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services => BuildTracerProvider(serviceName, options, services.GetRequiredService<ServiceListeners>()));
        if (options.OtlpEndpoint is not null)
        {
            builder.Services.AddSingleton(_ => BuildMeterProvider(serviceName, options));
        }

        builder.Services.AddHostedService<TelemetryStartup>();
        return builder;
    }

    private static TracerProvider BuildTracerProvider(string serviceName, TelemetryOptions options, ServiceListeners listeners)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource(serviceName))
            .AddSource(Sources)
            .AddAspNetCoreInstrumentation(server =>
            {
                // One span per gRPC call, named for its method. Probes (/readyz, /metrics on the HTTP port) and gRPC
                // health checks start no trace: what they run (SELECT 1, PING) stays untraced, as Npgsql's and
                // Redis's filters skip commands outside a recorded span.
                server.EnrichWithHttpResponse = GrpcServerSpan.Enrich;
                server.Filter = http => IsTracedCall(http, listeners);
            })
            // One client span per outgoing call (Grpc.Net.Client's own activity, named for the method); the HTTP request
            // beneath it would only repeat it.
            .AddGrpcClientInstrumentation(client => client.SuppressDownstreamInstrumentation = true)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)));
        if (options.OtlpEndpoint is { } endpoint)
        {
            tracing.AddOtlpExporter(otlp => Configure(otlp, endpoint, options.OtlpProtocol, "v1/traces"));
        }

        return tracing.Build();
    }

    private static bool IsTracedCall(HttpContext http, ServiceListeners listeners) =>
        !listeners.IsHttpPort(http.Connection.LocalPort)
        && !http.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);

    private static MeterProvider BuildMeterProvider(string serviceName, TelemetryOptions options) =>
        Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(Resource(serviceName))
            .AddMeter(MetricsExtensions.MeterPrefix + "*", MetricsExtensions.RuntimeMeter)
            .AddOtlpExporter(otlp => Configure(otlp, options.OtlpEndpoint!, options.OtlpProtocol, "v1/metrics"))
            .Build();

    private static ResourceBuilder Resource(string serviceName) =>
        ResourceBuilder.CreateDefault().AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId);

    // Set in code, the endpoint is used as given: over HTTP it must name the signal's path itself.
    private static void Configure(OtlpExporterOptions otlp, Uri endpoint, OtlpTransport transport, string httpPath)
    {
        otlp.Protocol = transport == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        otlp.Endpoint = transport == OtlpTransport.Grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + httpPath);
    }
}
