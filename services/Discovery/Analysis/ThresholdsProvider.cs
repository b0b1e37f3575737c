using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Domains;
using MultiCluster.Discovery.Storage;

namespace MultiCluster.Discovery.Analysis;

/// <summary>The thresholds in effect for a library: its own, else the stored default, else the documented defaults.</summary>
public sealed class ThresholdsProvider(DiscoveryStore store)
{
    public async Task<DomainThresholds> EffectiveAsync(string library, CancellationToken cancellationToken)
    {
        var stored = await store.GetThresholdsAsync(library, cancellationToken)
            ?? (library.Length > 0 ? await store.GetThresholdsAsync("", cancellationToken) : null)
            ?? new DomainThresholds();
        return ThresholdPolicy.Resolve(stored);
    }
}
