using System.Diagnostics.Metrics;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.Discovery.Analysis;

/// <summary>
/// What dashboards need of discovery and no RPC metric tells, since analyses mostly run on a schedule: maps published
/// and the domains they hold. Exported as discovery_maps_published_total and discovery_domains_discovered_total,
/// both from zero at start so rate() and alerts see the series before the first map.
/// </summary>
public sealed class DiscoveryMetrics
{
    private readonly Counter<long> _maps;
    private readonly Counter<long> _domains;

    public DiscoveryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MetricsExtensions.MeterPrefix + "Discovery", "1.0.0");
        _maps = meter.CreateCounter<long>("discovery.maps.published", "{map}", "Domain maps published (stored above the thresholds and announced).");
        _domains = meter.CreateCounter<long>("discovery.domains.discovered", "{domain}", "Domains in the maps published.");
        _maps.Add(0);
        _domains.Add(0);
    }

    public void Published(int domains)
    {
        _maps.Add(1);
        _domains.Add(domains);
    }
}
