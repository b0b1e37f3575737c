using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiCluster.ServiceDefaults.Hosting;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>Not ready once the host is stopping: load balancers and Kubernetes take the instance out before its listeners close.</summary>
internal sealed class ShutdownReadinessCheck(ShutdownState shutdown) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(shutdown.IsStopping ? HealthCheckResult.Unhealthy("stopping: calls in flight are finishing, new ones belong elsewhere") : HealthCheckResult.Healthy());
}
