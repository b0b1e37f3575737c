using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using MultiCluster.Grpc.Services.HealthChecks;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>
/// Answers "may this instance take calls?": every check tagged ready passes (none registered: yes) and the host is not
/// stopping. Each answer is also published as the gRPC health status of "" and of every mapped service, so /readyz,
/// grpc.health.v1 and the service.ready gauge never disagree.
/// </summary>
public sealed class ReadinessProbe(HealthCheckService checks, HealthStatusRegistry health, MappedGrpcServices mapped, ILogger<ReadinessProbe> logger)
{
    private readonly Lock _lock = new();
    private bool? _ready;

    /// <summary>The last answer; false before the first.</summary>
    public bool IsReady
    {
        get
        {
            lock (_lock)
            {
                return _ready ?? false;
            }
        }
    }

    public async Task<ReadinessReport> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        ReadinessReport report;
        if (health.IsShutDown)
        {
            report = new ReadinessReport(false, "stopping", []);
        }
        else
        {
            var result = await checks.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), cancellationToken);
            var entries = result.Entries
                .Select(e => new ReadinessCheckResult(e.Key, e.Value.Status.ToString(), e.Value.Description ?? e.Value.Exception?.Message, e.Value.Duration.TotalMilliseconds))
                .ToList();
            foreach (var (name, entry) in result.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy))
            {
                ServiceDefaultsLog.ReadinessCheckFailed(logger, name, entry.Status.ToString(), entry.Description, entry.Exception);
            }

            var ready = result.Status != HealthStatus.Unhealthy;
            report = new ReadinessReport(ready, ready ? "ready" : "not ready", entries);
        }

        Publish(report);
        return report;
    }

    private void Publish(ReadinessReport report)
    {
        var status = report.Ready ? ServingStatus.Serving : ServingStatus.NotServing;
        health.SetStatus(HealthStatusRegistry.Server, status);
        foreach (var service in mapped.Services)
        {
            health.SetStatus(service, status);
        }

        lock (_lock)
        {
            if (_ready == report.Ready)
            {
                return;
            }

            _ready = report.Ready;
        }

        var failing = report.Checks.Where(c => c.Status == nameof(HealthStatus.Unhealthy)).Select(c => c.Name).ToList();
        ServiceDefaultsLog.ReadinessChanged(logger, report.Ready, failing.Count > 0 ? "failing: " + string.Join(", ", failing) : report.Status);
    }
}
