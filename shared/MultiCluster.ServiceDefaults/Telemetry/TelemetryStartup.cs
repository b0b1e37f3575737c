using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>Says where traces and metrics go when the host starts, so an operator sees a missing endpoint at once.</summary>
internal sealed class TelemetryStartup(TelemetryOptions options, ILogger<TelemetryStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            ServiceDefaultsLog.OtlpExport(logger, options.OtlpProtocol.ToString().ToLowerInvariant(), endpoint);
        }
        else
        {
            ServiceDefaultsLog.NoOtlpExport(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
