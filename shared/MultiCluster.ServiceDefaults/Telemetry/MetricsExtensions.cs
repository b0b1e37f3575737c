using System.Diagnostics.Metrics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.ServiceDefaults.Hosting;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>RPC metrics from a server interceptor, and /metrics in Prometheus text format on the HTTP port.</summary>
public static class MetricsExtensions
{
    /// <summary>Every meter of ours is named MultiCluster.*; all of them are exported, with the runtime's.</summary>
    public const string MeterPrefix = "MultiCluster.";

    public const string RuntimeMeter = "System.Runtime";

    public static WebApplicationBuilder AddServiceMetrics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<RpcMetrics>();
        builder.Services.AddSingleton<RpcMetricsInterceptor>();
        builder.Services.AddSingleton<ServiceReadyGauge>();
        builder.Services.AddSingleton(services => new PrometheusExporter(Includes(services.GetRequiredService<IMeterFactory>())));
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RpcMetricsInterceptor>());
        return builder;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Created now so the listener sees instruments from the start, and the gauge exists before the first scrape.
        endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        endpoints.ServiceProvider.GetRequiredService<ServiceReadyGauge>();
        endpoints.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType))
            .AddEndpointFilter<HttpPortOnlyFilter>();
        return endpoints;
    }

    // This host's meters (their scope is its meter factory) and process-wide ones (no scope); in a process with several
    // hosts, as in tests, each exports its own RPC counts.
    private static Func<Meter, bool> Includes(IMeterFactory factory) => meter =>
        (meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal) || meter.Name == RuntimeMeter)
        && (meter.Scope is null || ReferenceEquals(meter.Scope, factory));
}
