using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>
/// On stop: health turns NOT_SERVING first, calls are still taken for Service:DrainDelay, then the listeners close and
/// in-flight calls get until Service:ShutdownTimeout (HostOptions.ShutdownTimeout) to finish before they are cut.
/// </summary>
public static class GracefulShutdownExtensions
{
    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder, ServiceEndpointOptions endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(endpoint);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = endpoint.ShutdownTimeout);
        builder.Services.AddSingleton<ShutdownState>();
        builder.Services.AddHostedService<ShutdownDrain>();
        return builder;
    }
}
