using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiCluster.ServiceDefaults.Health;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>
/// The first step of a stop, before any listener closes: readiness to NOT_SERVING, published at once to /readyz and
/// every gRPC health status (so load balancers go elsewhere), then the drain delay while calls are still taken.
/// </summary>
internal sealed class ShutdownDrain(ShutdownState shutdown, ReadinessProbe readiness, ServiceEndpointOptions endpoint, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        shutdown.BeginStopping();
        ServiceDefaultsLog.Draining(logger, endpoint.DrainDelay, endpoint.ShutdownTimeout);
        try
        {
            await readiness.EvaluateAsync(cancellationToken);
            if (endpoint.DrainDelay > TimeSpan.Zero)
            {
                await Task.Delay(endpoint.DrainDelay, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out during the drain: go on stopping.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
