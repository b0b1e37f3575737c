using MultiCluster.Clusters;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Storage;
using Npgsql;

namespace MultiCluster.Rebalancer.Sampling;

/// <summary>
/// Counts every cluster's points and bytes (and each domain collection's) through the cluster port every
/// <see cref="RebalancerOptions.SizeSampleInterval"/>: the size series fill ratio forecasts are fitted on. A cluster
/// that does not answer is skipped for that tick (a gap, not an empty cluster).
/// </summary>
public sealed partial class SizeSampler(IClusterRegistry registry, SizeStore store, RebalancerOptions options, TimeProvider time, ILogger<SizeSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SizeSampleInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.SizeSampleInterval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogSampleFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns the clusters counted.</summary>
    public async Task<int> SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counted = 0;
        foreach (var reading in await ClusterReading.ReadAllAsync(registry, cancellationToken))
        {
            if (reading.Stats is null)
            {
                continue;
            }

            await store.RecordAsync(now, reading.Options, reading.Stats, cancellationToken);
            counted++;
        }

        return counted;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Sampling cluster sizes failed, retried at the next tick: {Reason}")]
    private partial void LogSampleFailed(string reason);
}
