using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiCluster.Clusters;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>
/// Ready while the default cluster answers: it holds the points of new libraries, so without it writes fail. Other
/// clusters that are down make the service degraded, still ready: routing goes around them.
/// </summary>
public sealed class ClustersReadinessCheck(IClusterRegistry registry, ClusterUpGauge gauge) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // One snapshot: a run-time change between two reads could name a default that is not among the clusters probed.
        var snapshot = registry.Current;
        var defaultName = snapshot.DefaultClusterName;
        var results = await Task.WhenAll(snapshot.Clusters.Select(c => c.CheckHealthAsync(cancellationToken)));
        gauge.Record(results);
        var defaultHealth = results.Single(r => r.Cluster == defaultName);
        if (defaultHealth.State == HealthState.Down)
        {
            return HealthCheckResult.Unhealthy(
                $"The default cluster '{defaultName}' does not answer: {defaultHealth.Problem} Start it, fix its URL or key in config/clusters.yaml, or make another cluster the default.");
        }

        var down = results.Where(r => r.State == HealthState.Down).Select(r => r.Cluster).ToList();
        var degraded = results.Where(r => r.State == HealthState.Degraded).Select(r => r.Cluster).ToList();
        if (down.Count == 0 && degraded.Count == 0)
        {
            return HealthCheckResult.Healthy($"{results.Length} clusters answer.");
        }

        var parts = new List<string>();
        if (down.Count > 0)
        {
            parts.Add($"down: {string.Join(", ", down)}");
        }

        if (degraded.Count > 0)
        {
            parts.Add($"degraded: {string.Join(", ", degraded)}");
        }

        return HealthCheckResult.Degraded($"Default cluster '{defaultName}' answers; {string.Join("; ", parts)} (HealthCheckClusters says why).");
    }
}
