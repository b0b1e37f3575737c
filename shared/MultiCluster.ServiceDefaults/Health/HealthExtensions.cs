using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiCluster.ServiceDefaults.Hosting;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>/healthz (alive), /readyz (ready to take calls) and gRPC health (Grpc.AspNetCore.HealthChecks) kept in step with readiness.</summary>
public static class HealthExtensions
{
    public static WebApplicationBuilder AddServiceHealth(this WebApplicationBuilder builder, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddHealthChecks().AddCheck<ShutdownReadinessCheck>("shutdown", tags: [HealthTags.Ready]);

        // grpc.health.v1 answers Check by running the readiness checks, for the server ("") and each mapped service;
        // Watch follows what ReadinessProbe publishes every Health:PollInterval and the moment a stop begins.
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddOptions<GrpcHealthChecksOptions>().Configure<MappedGrpcServices>((grpc, mapped) =>
        {
            grpc.Services.Clear();
            foreach (var service in mapped.Services.Prepend(MappedGrpcServices.Server))
            {
                grpc.Services.Map(service, check => ReadinessProbe.IsReadinessCheck(check.Tags));
            }
        });

        // A check that never answers must not hold readiness (or a probe) forever.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(checks =>
        {
            foreach (var registration in checks.Registrations.Where(r => r.Timeout == Timeout.InfiniteTimeSpan))
            {
                registration.Timeout = options.CheckTimeout;
            }
        });
        builder.Services.AddSingleton<MappedGrpcServices>();
        builder.Services.AddSingleton<ReadinessProbe>();
        builder.Services.AddHostedService<ReadinessMonitor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.ServiceProvider.GetRequiredService<MappedGrpcServices>().Track(endpoints);
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGet("/healthz", async (HealthCheckService checks, CancellationToken cancellationToken) =>
            {
                var report = await checks.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Live), cancellationToken);
                return report.Status == HealthStatus.Unhealthy
                    ? Results.Text("unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.Text("ok");
            })
            .AddEndpointFilter<HttpPortOnlyFilter>();
        endpoints.MapGet("/readyz", async (ReadinessProbe probe, CancellationToken cancellationToken) =>
            {
                var report = await probe.EvaluateAsync(cancellationToken);
                return Results.Json(report, statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .AddEndpointFilter<HttpPortOnlyFilter>();
        return endpoints;
    }
}
