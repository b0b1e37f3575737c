using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC server.</summary>
public static class GrpcServiceCollectionExtensions
{
    public static IServiceCollection AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcServiceOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddSingleton<ServerCallHandlerFactory>();

        // Calls no endpoint matched get UNIMPLEMENTED from a terminal middleware at the end of the pipeline,
        // not from a catch-all route: a "{service}/{method}" route is a second candidate for every real call,
        // which pushes routing off its single-candidate fast path (route values, candidate set) on each request.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Hosting.IStartupFilter, UnimplementedStartupFilter>());
        return services;
    }
}
