using MultiCluster.Rebalancer.Forecasting;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>Every <see cref="RebalancerOptions.MaintenanceInterval"/>: downsampling and retention, then scoring of the forecasts that came due.</summary>
public sealed partial class MaintenanceSchedule(Downsampler downsampler, AccuracyScorer scorer, RebalancerOptions options, TimeProvider time, ILogger<MaintenanceSchedule> logger)
    : PeriodicPass(options.MaintenanceInterval, atStart: false, time, logger)
{
    protected override string What => "Downsampling and scoring";

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var rolled = await downsampler.RunAsync(Time.GetUtcNow(), cancellationToken);
        var scored = await scorer.ScoreDueAsync(cancellationToken);
        LogMaintained(rolled, scored);
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Maintenance: {Rolled} raw load samples rolled up, {Scored} forecasts scored")]
    private partial void LogMaintained(int rolled, int scored);
}
