using System.Diagnostics.Metrics;
using MultiCluster.ServiceDefaults.Health;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>service_ready: 1 while readiness holds, 0 otherwise, so an alert needs no probe of its own.</summary>
public sealed class ServiceReadyGauge
{
    public ServiceReadyGauge(IMeterFactory meterFactory, ReadinessProbe readiness, ServiceEndpointOptions endpoint)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(endpoint);
        var meter = meterFactory.Create(MetricsExtensions.MeterPrefix + "Service", "1.0.0");
        meter.CreateObservableGauge("service.ready", () => new Measurement<int>(readiness.IsReady ? 1 : 0, new KeyValuePair<string, object?>("service", endpoint.Name)),
            description: "1 while the service is ready to take calls (every readiness check passes and it is not stopping), else 0.");
    }
}
