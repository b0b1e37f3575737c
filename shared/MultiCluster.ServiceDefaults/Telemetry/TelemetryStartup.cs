using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>Builds the providers when the host starts (not at the first call) and says where telemetry goes.</summary>
internal sealed class TelemetryStartup(IServiceProvider services, TelemetryOptions options, ILogger<TelemetryStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TracerProvider>();
        if (options.OtlpEndpoint is { } endpoint)
        {
            services.GetRequiredService<MeterProvider>();
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
