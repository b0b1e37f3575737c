using Microsoft.Extensions.Hosting;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>
/// Keeps gRPC health current without waiting for a probe: one evaluation before the server takes calls (so no
/// client sees SERVING before readiness is known), then one every Health:PollInterval.
/// </summary>
internal sealed class ReadinessMonitor(ReadinessProbe probe, HealthOptions options) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await probe.EvaluateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await probe.EvaluateAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
