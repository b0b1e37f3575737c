using MultiCluster.Rebalancer.Forecasting;
using Npgsql;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Every <see cref="RebalancerOptions.MaintenanceInterval"/>: downsampling and retention, then scoring of the forecasts that came due.</summary>
public sealed partial class MaintenanceSchedule(Downsampler downsampler, AccuracyScorer scorer, RebalancerOptions options, TimeProvider time, ILogger<MaintenanceSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.MaintenanceInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.MaintenanceInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var rolled = await downsampler.RunAsync(time.GetUtcNow(), stoppingToken);
                var scored = await scorer.ScoreDueAsync(stoppingToken);
                LogMaintained(rolled, scored);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogMaintenanceFailed(e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Maintenance: {Rolled} raw load samples rolled up, {Scored} forecasts scored")]
    private partial void LogMaintained(int rolled, int scored);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Maintenance failed, retried at the next tick: {Reason}")]
    private partial void LogMaintenanceFailed(string reason);
}
