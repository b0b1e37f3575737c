using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiCluster.Grpc.Services.HealthChecks;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>
/// The first step of a stop, before any listener closes: every health status to NOT_SERVING (so /readyz and gRPC
/// health tell load balancers to go elsewhere), then the drain delay while calls are still taken.
/// </summary>
internal sealed class ShutdownDrain(HealthStatusRegistry health, ServiceEndpointOptions endpoint, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        health.Shutdown();
        ServiceDefaultsLog.Draining(logger, endpoint.DrainDelay, endpoint.ShutdownTimeout);
        if (endpoint.DrainDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(endpoint.DrainDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out during the drain: go on stopping.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
