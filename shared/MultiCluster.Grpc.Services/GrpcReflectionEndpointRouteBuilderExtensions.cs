using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Grpc.Services.Reflection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the server reflection endpoints.</summary>
public static class GrpcReflectionEndpointRouteBuilderExtensions
{
    /// <summary>Serves grpc.reflection.v1.ServerReflection and grpc.reflection.v1alpha.ServerReflection.</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = endpoints.ServiceProvider.GetService<ReflectedServices>()
            ?? throw new InvalidOperationException("gRPC reflection is not registered: call builder.Services.AddGrpcReflection() before MapGrpcReflectionService.");
        return new GrpcServiceEndpointConventionBuilder(
        [
            endpoints.MapGrpcService<ServerReflectionService>(),
            endpoints.MapGrpcService<ServerReflectionV1AlphaService>(),
        ]);
    }
}
