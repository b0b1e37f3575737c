using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>
/// Adds a check to readiness (/readyz and gRPC health). Storage and messaging register theirs here:
/// <c>services.AddReadinessCheck&lt;PostgresReadinessCheck&gt;("postgres")</c>. Any ASP.NET Core health check tagged
/// <see cref="HealthTags.Ready"/> counts the same.
/// </summary>
public static class ReadinessCheckExtensions
{
    public static IServiceCollection AddReadinessCheck<TCheck>(this IServiceCollection services, string name)
        where TCheck : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<TCheck>(name, tags: [HealthTags.Ready]);
        return services;
    }

    public static IServiceCollection AddReadinessCheck(this IServiceCollection services, string name, Func<CancellationToken, Task<HealthCheckResult>> check)
    {
        services.AddHealthChecks().AddAsyncCheck(name, check, tags: [HealthTags.Ready]);
        return services;
    }
}
