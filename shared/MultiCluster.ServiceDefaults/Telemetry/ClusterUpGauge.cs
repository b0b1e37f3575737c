using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MultiCluster.Clusters;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// vector_cluster_up{cluster}: 1 while a vector cluster answered the service's last readiness probe (healthy or
/// degraded), 0 when it did not; and vector_cluster_degraded{cluster}: 1 while it answers but is degraded. Each service
/// reports its own view, so an alert takes the minimum over services. Read from the readiness check, which probes every
/// cluster each Health:PollInterval: no probe of its own.
/// </summary>
public sealed class ClusterUpGauge
{
    private readonly ConcurrentDictionary<string, HealthState> _states = new(StringComparer.Ordinal);

    public ClusterUpGauge(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MetricsExtensions.MeterPrefix + "Clusters", "1.0.0");
        meter.CreateObservableGauge("vector_cluster.up", () => Measure(state => state != HealthState.Down),
            description: "1 while the vector cluster answered this service's last readiness probe, else 0.");
        meter.CreateObservableGauge("vector_cluster.degraded", () => Measure(state => state == HealthState.Degraded),
            description: "1 while the vector cluster answers but is degraded (slow, over its memory threshold or not ready), else 0.");
    }

    /// <summary>The states of the last probe; clusters no longer configured stop being reported.</summary>
    public void Record(IReadOnlyCollection<ClusterHealth> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var gone in _states.Keys.Except(results.Select(r => r.Cluster), StringComparer.Ordinal))
        {
            _states.TryRemove(gone, out _);
        }

        foreach (var result in results)
        {
            _states[result.Cluster] = result.State;
        }
    }

    private IEnumerable<Measurement<int>> Measure(Func<HealthState, bool> holds) =>
        _states.Select(pair => new Measurement<int>(holds(pair.Value) ? 1 : 0, new KeyValuePair<string, object?>("cluster", pair.Key)));
}
