using Grpc.HealthCheck;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using GrpcStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>
/// Answers "may this instance take calls?": every check tagged ready passes (none registered: yes; the host stopping
/// fails one). Each answer is also published to the gRPC health service (Grpc.HealthCheck's HealthServiceImpl) as the
/// status of "" and of every mapped service, so Watch calls see a change without waiting for a probe, and /readyz,
/// grpc.health.v1 and the service.ready gauge never disagree.
/// </summary>
public sealed class ReadinessProbe(HealthCheckService checks, HealthServiceImpl grpcHealth, MappedGrpcServices mapped, ILogger<ReadinessProbe> logger)
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

    /// <summary>The health checks readiness runs (also gRPC health's Check, through its service mappings).</summary>
    public static bool IsReadinessCheck(IEnumerable<string> tags) => tags.Contains(HealthTags.Ready);

    public async Task<ReadinessReport> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var result = await checks.CheckHealthAsync(r => IsReadinessCheck(r.Tags), cancellationToken);
        var entries = result.Entries
            .Select(e => new ReadinessCheckResult(e.Key, e.Value.Status.ToString(), e.Value.Description ?? e.Value.Exception?.Message, e.Value.Duration.TotalMilliseconds))
            .ToList();
        foreach (var (name, entry) in result.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy))
        {
            ServiceDefaultsLog.ReadinessCheckFailed(logger, name, entry.Status.ToString(), entry.Description, entry.Exception);
        }

        var ready = result.Status != HealthStatus.Unhealthy;
        var report = new ReadinessReport(ready, ready ? "ready" : "not ready", entries);
        Publish(report);
        return report;
    }

    private void Publish(ReadinessReport report)
    {
        var status = report.Ready ? GrpcStatus.Serving : GrpcStatus.NotServing;
        grpcHealth.SetStatus(MappedGrpcServices.Server, status);
        foreach (var service in mapped.Services)
        {
            grpcHealth.SetStatus(service, status);
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
