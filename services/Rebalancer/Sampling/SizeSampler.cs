using MultiCluster.Clusters;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Sampling;

/// <summary>
/// Counts every cluster's points and bytes (and each domain collection's) through the cluster port every
/// <see cref="RebalancerOptions.SizeSampleInterval"/>, from start: the size series fill ratio forecasts are fitted on.
/// A cluster that does not answer is skipped for that tick (a gap, not an empty cluster).
/// </summary>
public sealed class SizeSampler(IClusterRegistry registry, SizeStore store, RebalancerOptions options, TimeProvider time, ILogger<SizeSampler> logger)
    : PeriodicPass(options.SizeSampleInterval, atStart: true, time, logger)
{
    protected override string What => "Sampling cluster sizes";

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        foreach (var reading in await ClusterReading.ReadAllAsync(registry, cancellationToken))
        {
            if (reading.Stats is not null)
            {
                await store.RecordAsync(now, reading.Options, reading.Stats, cancellationToken);
            }
        }
    }
}
