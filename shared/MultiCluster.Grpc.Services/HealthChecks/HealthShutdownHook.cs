using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultiCluster.Grpc.Services.HealthChecks;

/// <summary>
/// Flips every health status to NOT_SERVING as soon as the host starts stopping, while Kestrel still answers,
/// so Kubernetes probes and watching load balancers take this instance out before its connections close.
/// </summary>
internal sealed class HealthShutdownHook(HealthStatusRegistry registry, IHostApplicationLifetime lifetime, ILogger<HealthShutdownHook> logger) : IHostedService
{
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(() =>
        {
            registry.Shutdown();
            ServicesLog.HealthShutDown(logger);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.DisposeAsync().AsTask();
}
