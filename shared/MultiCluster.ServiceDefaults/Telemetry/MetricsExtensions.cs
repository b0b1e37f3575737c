using System.Diagnostics.Metrics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.ServiceDefaults.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// Metrics through System.Diagnostics.Metrics and OpenTelemetry: RPC metrics from a server interceptor, the readiness
/// gauge, the runtime's and the process's, ASP.NET Core's, Kestrel's and HttpClient's; at /metrics in Prometheus
/// format (OpenTelemetry's exporter) on the HTTP port.
/// </summary>
public static class MetricsExtensions
{
    /// <summary>Every meter of ours is named MultiCluster.*; all of them are exported.</summary>
    public const string MeterPrefix = "MultiCluster.";

    /// <summary>
    /// .NET's own runtime meter: GC, JIT, thread pool, exceptions, and the process's CPU time and working set
    /// (dotnet.process.*), which is what OpenTelemetry.Instrumentation.Runtime enables on .NET 9 and later.
    /// </summary>
    public const string RuntimeMeter = "System.Runtime";

    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddServiceMetrics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<RpcMetrics>();
        builder.Services.AddSingleton<RpcMetricsInterceptor>();
        builder.Services.AddSingleton<ServiceReadyGauge>();
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RpcMetricsInterceptor>());

        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(MeterPrefix + "*", RuntimeMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, provider) => provider.AddView(View(services.GetRequiredService<IMeterFactory>())));
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Created now, so the gauge exists before the first scrape.
        endpoints.ServiceProvider.GetRequiredService<ServiceReadyGauge>();
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AddEndpointFilter<IEndpointConventionBuilder, HttpPortOnlyFilter>();
        return endpoints;
    }

    /// <summary>
    /// A MeterProvider listens to every meter of a matching name in the process. In a process with several hosts, as
    /// in tests, a meter made by another host's IMeterFactory is dropped, so each host exports its own RPC counts;
    /// meters made with `new Meter` (the runtime's, HttpClient's) have no factory and every host exports them.
    /// Prometheus reads a name ending in _count as part of a histogram, so a gauge named *.count
    /// (dotnet.process.cpu.count) is exported as dotnet_process_cpu_count_value.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> View(IMeterFactory factory) => instrument =>
        instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, factory) ? MetricStreamConfiguration.Drop
        : instrument.Name.EndsWith(".count", StringComparison.Ordinal) && IsGauge(instrument) ? new MetricStreamConfiguration { Name = instrument.Name + "_value" }
        : null;

    // Counters end in _total and histograms own their _count; every other instrument is a Prometheus gauge.
    private static bool IsGauge(Instrument instrument) =>
        instrument.GetType() is not { IsGenericType: true } type
        || (type.GetGenericTypeDefinition() is var kind && kind != typeof(Counter<>) && kind != typeof(ObservableCounter<>) && kind != typeof(Histogram<>));
}
