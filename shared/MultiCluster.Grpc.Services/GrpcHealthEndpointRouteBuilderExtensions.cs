using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Grpc.Services.HealthChecks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the grpc.health.v1.Health endpoint.</summary>
public static class GrpcHealthEndpointRouteBuilderExtensions
{
    /// <summary>Serves grpc.health.v1.Health (Check, List, Watch) from the registered <see cref="HealthStatusRegistry"/>.</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = endpoints.ServiceProvider.GetService<HealthService>()
            ?? throw new InvalidOperationException("gRPC health checks are not registered: call builder.Services.AddGrpcHealthChecks() before MapGrpcHealthService.");
        return endpoints.MapGrpcService<HealthService>();
    }
}
