using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Storage.Redis;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry tracing of our gRPC runtime, messaging, Npgsql and Redis, exported over OTLP when an endpoint is set, and
/// metrics to OTLP too. Tracing runs even without an exporter, so calls have trace and span ids for the logs.
/// Providers are built with the Sdk (OpenTelemetry.Extensions.Hosting is not available) and disposed with the host.
/// </summary>
public static class OpenTelemetryExtensions
{
    /// <summary>Activity sources traced; one that does not exist in a service (Npgsql in Orchestrator) costs nothing.</summary>
    public static readonly string[] Sources = [GrpcDiagnostics.ActivitySourceName, "MultiCluster.Messaging", "Npgsql"];

    public static WebApplicationBuilder AddServiceOpenTelemetry(this WebApplicationBuilder builder, string serviceName, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(provider => BuildTracerProvider(provider, serviceName, options));
        if (options.OtlpEndpoint is not null)
        {
            builder.Services.AddSingleton(_ => BuildMeterProvider(serviceName, options));
        }

        builder.Services.AddHostedService<TelemetryStartup>();
        return builder;
    }

    private static TracerProvider BuildTracerProvider(IServiceProvider services, string serviceName, TelemetryOptions options)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource(serviceName))
            .AddSource(Sources)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)));
        if (services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            tracing.AddRedisInstrumentation(redis, RedisTracing.Configure);
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            tracing.AddOtlpExporter(otlp => Configure(otlp, endpoint, options.OtlpProtocol, "v1/traces"));
        }

        return tracing.Build();
    }

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
