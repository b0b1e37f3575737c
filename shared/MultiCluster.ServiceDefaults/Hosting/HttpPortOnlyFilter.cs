using Microsoft.AspNetCore.Http;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>Serves probes and metrics on the HTTP/1.1 port only; on the gRPC port they do not exist (404).</summary>
internal sealed class HttpPortOnlyFilter(ServiceListeners listeners) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        listeners.IsHttpPort(context.HttpContext.Connection.LocalPort)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.NotFound());
}
