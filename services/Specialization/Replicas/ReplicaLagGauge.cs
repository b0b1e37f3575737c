using System.Diagnostics.Metrics;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.Specialization.Replicas;

/// <summary>
/// specialization_replicas_lag_seconds: 0 while the last scheduled anti-entropy run left every replica equal to its
/// primary; otherwise the time since a run last did (or since start), i.e. how long some replica may have been behind.
/// A run that repaired every difference counts as in sync; one that could not reach a cluster or refused a repair does not.
/// </summary>
public sealed class ReplicaLagGauge
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _lastInSync;
    private bool _inSync = true;

    public ReplicaLagGauge(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _lastInSync = time.GetUtcNow();
        var meter = meterFactory.Create(MetricsExtensions.MeterPrefix + "Specialization.Replicas", "1.0.0");
        meter.CreateObservableGauge("specialization.replicas.lag", Lag, "s", "How long some replica has not been confirmed equal to its primary; 0 when the last sync run confirmed all.");
    }

    public void RunEnded(bool inSync)
    {
        lock (_gate)
        {
            _inSync = inSync;
            if (inSync)
            {
                _lastInSync = _time.GetUtcNow();
            }
        }
    }

    private double Lag()
    {
        lock (_gate)
        {
            return _inSync ? 0 : (_time.GetUtcNow() - _lastInSync).TotalSeconds;
        }
    }
}
