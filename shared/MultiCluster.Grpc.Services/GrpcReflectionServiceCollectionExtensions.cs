using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiCluster.Grpc.Services.Reflection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers gRPC server reflection.</summary>
public static class GrpcReflectionServiceCollectionExtensions
{
    /// <summary>
    /// Adds server reflection over every gRPC service this host maps. Map the endpoints with
    /// <c>app.MapGrpcReflectionService()</c>; usually only in development, as it tells any caller the whole API.
    /// </summary>
    public static IServiceCollection AddGrpcReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.TryAddSingleton<ReflectedServices>();
        services.TryAddSingleton<ServerReflectionService>();
        services.TryAddSingleton<ServerReflectionV1AlphaService>();
        return services;
    }
}
