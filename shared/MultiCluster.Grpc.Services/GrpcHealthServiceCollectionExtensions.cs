using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiCluster.Grpc.Services.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers grpc.health.v1 health checking.</summary>
public static class GrpcHealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="HealthStatusRegistry"/> (the whole server starts SERVING) and flips every status to
    /// NOT_SERVING when the application starts stopping. Map the endpoint with <c>app.MapGrpcHealthService()</c>.
    /// </summary>
    public static IServiceCollection AddGrpcHealthChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddSingleton<HealthService>();
        services.AddHostedService<HealthShutdownHook>();
        return services;
    }
}
