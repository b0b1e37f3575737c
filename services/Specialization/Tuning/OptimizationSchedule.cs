using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// Tunes every library's collections every <see cref="SpecializationOptions.OptimizationInterval"/> (zero disables
/// it), applying the recommendations of its policy's strategy, when <see cref="SpecializationOptions.AutoSpecialize"/>
/// is on: that switch stands for the seeds' auto_optimize as well (one switch for "act without being asked").
/// </summary>
public sealed partial class OptimizationSchedule(ConfigOptimizer optimizer, SpecializationOptions options, TimeProvider time, ILogger<OptimizationSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.OptimizationInterval <= TimeSpan.Zero || !options.AutoSpecialize)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.OptimizationInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or VectorClusterException or TimeoutException)
            {
                LogTickFailed(e.Message);
            }
        }
    }

    /// <summary>One pass over every library; returns the recommendations applied.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var library in await optimizer.LibrariesAsync(cancellationToken))
        {
            try
            {
                var recommendations = await optimizer.OptimizeAsync(new OptimizationRequest(library, [], null, OptimizationStrategy.Unspecified, Apply: true), cancellationToken);
                var done = recommendations.Count(r => r.Applied);
                applied += done;
                if (recommendations.Count > 0)
                {
                    LogTuned(library, done, recommendations.Count);
                }
            }
            catch (SpecializationException e)
            {
                LogTickFailed($"{library}: {e.Message}");
            }
        }

        return applied;
    }

    [LoggerMessage(EventId = 62, Level = LogLevel.Information, Message = "Scheduled tuning of {Library}: {Applied} of {Recommended} recommendations applied")]
    private partial void LogTuned(string library, int applied, int recommended);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "Scheduled tuning failed, retried at the next tick: {Reason}")]
    private partial void LogTickFailed(string reason);
}
