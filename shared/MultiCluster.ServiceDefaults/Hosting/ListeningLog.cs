using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>Says once the ports are bound where the service answers (the real ports when 0 was configured).</summary>
internal sealed class ListeningLog(ServiceEndpointOptions endpoint, ServiceListeners listeners, IHostApplicationLifetime lifetime, ILogger<ListeningLog> logger) : IHostedService
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(() =>
            ServiceDefaultsLog.Listening(logger, endpoint.Name, listeners.GrpcAddress.ToString(), listeners.HttpAddress.ToString()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _started.DisposeAsync().AsTask();
}
