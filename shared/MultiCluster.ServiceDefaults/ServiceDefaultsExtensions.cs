using MultiCluster.Clusters;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiCluster.ServiceDefaults.Auth;
using MultiCluster.ServiceDefaults.Configuration;
using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.ServiceDefaults.Health;
using MultiCluster.ServiceDefaults.Hosting;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.ServiceDefaults;

/// <summary>The two calls every service host makes: AddServiceDefaults before Build, MapDefaultEndpoints after.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Configuration (appsettings, config/*.yaml, environment; validated, stopping the host on a problem), structured
    /// logs, Kestrel on the gRPC and HTTP ports (TLS when configured), graceful shutdown, tracing, RPC metrics, API-key
    /// auth and health. Interceptor order: metrics outermost, so refused calls are counted, then auth, then the error
    /// details.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceConfiguration(out var settings)
            .AddStructuredLogging()
            .AddServiceEndpoints(settings.Endpoint)
            .AddGracefulShutdown(settings.Endpoint)
            .AddServiceOpenTelemetry(settings.Endpoint.Name, settings.Telemetry)
            .AddServiceMetrics()
            .AddApiKeyAuth(settings.Auth)
            .AddServiceHealth(settings.Health);
        // Registered, so Grpc.AspNetCore resolves the one instance instead of creating one per call.
        builder.Services.AddSingleton<ErrorDetailInterceptor>();
        builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = builder.Environment.IsDevelopment();
            options.Interceptors.Add<ErrorDetailInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddVectorClusters(builder.Configuration);
        if (settings.Health.RequireClusters)
        {
            builder.Services.AddSingleton<ClusterUpGauge>();
            builder.Services.AddReadinessCheck<ClustersReadinessCheck>("clusters");
        }

        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcReflectionService();
        app.MapGrpcService<ClusterAdminService>();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }
}
