using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using Grpc.Health.V1;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace MultiCluster.Grpc.Services.HealthChecks;

/// <summary>grpc.health.v1.Health over the host's <see cref="HealthStatusRegistry"/>.</summary>
internal sealed class HealthService(HealthStatusRegistry registry) : Health.HealthBase
{
    /// <summary>List refuses beyond this many services, as the protocol allows, rather than send an unbounded answer.</summary>
    internal const int MaxListedServices = 100;

    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        registry.TryGetStatus(request.Service, out var status)
            ? Task.FromResult(Response(status))
            : ThrowUnknownService(request.Service);

    public override Task<HealthListResponse> List(HealthListRequest request, ServerCallContext context)
    {
        var statuses = registry.GetAll();
        if (statuses.Count > MaxListedServices)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"This server reports on {statuses.Count} services, more than List returns ({MaxListedServices}); call Check or Watch per service."));
        }

        var response = new HealthListResponse();
        foreach (var (service, status) in statuses)
        {
            response.Statuses.Add(service, Response(status));
        }

        return Task.FromResult(response);
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        await foreach (var status in registry.WatchAsync(request.Service, context.CancellationToken))
        {
            await responseStream.WriteAsync(status is { } known ? Response(known) : new HealthCheckResponse { Status = WireStatus.ServiceUnknown });
        }
    }

    private static HealthCheckResponse Response(ServingStatus status) => new()
    {
        Status = status == ServingStatus.Serving ? WireStatus.Serving : WireStatus.NotServing,
    };

    [DoesNotReturn]
    private static Task<HealthCheckResponse> ThrowUnknownService(string service) =>
        throw new RpcException(new Status(StatusCode.NotFound,
            $"No health status is reported for service '{service}'. Ask for a served service by its full name (package.Service), or '' for the whole server."));
}
