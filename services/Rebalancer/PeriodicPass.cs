using Npgsql;

namespace MultiCluster.Rebalancer;

/// <summary>
/// Runs a pass every interval (zero disables it), optionally once at start. A pass that fails on the database or a
/// timeout is logged and tried again at the next tick: the next pass does the same work over fresher data.
/// </summary>
public abstract partial class PeriodicPass(TimeSpan interval, bool atStart, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock the passes run on.</summary>
    protected TimeProvider Time => time;

    /// <summary>What the pass does, for the log.</summary>
    protected abstract string What { get; }

    protected abstract Task PassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        if (atStart)
        {
            await RunAsync(stoppingToken);
        }

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunAsync(stoppingToken);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PassAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogPassFailed(What, e.Message);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "{What} failed, tried again at the next tick: {Reason}")]
    private partial void LogPassFailed(string what, string reason);
}
