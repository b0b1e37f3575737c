using MultiCluster.Clusters;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Discovery.Libraries;
using MultiCluster.Discovery.Storage;

namespace MultiCluster.Discovery.Scheduling;

/// <summary>
/// Starts the analyses the schedule asks for. Every tick it reads each library's effective settings (its own, else
/// the stored default, else Discovery:ReanalysisInterval with the default strategy) and starts an analysis of each
/// library <see cref="ReanalysisPolicy"/> finds due.
/// </summary>
public sealed partial class ReanalysisScheduler(
    LibraryCatalog catalog,
    DiscoveryStore store,
    AnalysisCoordinator coordinator,
    DiscoveryOptions options,
    TimeProvider time,
    ILogger<ReanalysisScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SchedulerTick <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.SchedulerTick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or VectorClusterException or TimeoutException)
            {
                LogTickFailed(e.Message);
            }
        }
    }

    /// <summary>One look at every library; returns the operations started.</summary>
    public async Task<IReadOnlyList<string>> TickAsync(CancellationToken cancellationToken)
    {
        var started = new List<string>();
        var settings = await store.AllSettingsAsync(cancellationToken);
        var states = await store.LibraryStatesAsync(cancellationToken);
        settings.TryGetValue("", out var defaults);
        foreach (var library in await catalog.ListLibrariesAsync(cancellationToken))
        {
            var effective = settings.GetValueOrDefault(library) ?? defaults;
            var interval = effective is null ? options.ReanalysisInterval : effective.ReanalysisInterval?.ToTimeSpan() ?? TimeSpan.Zero;
            if (interval <= TimeSpan.Zero || coordinator.IsRunning(library))
            {
                continue;
            }

            var state = states.GetValueOrDefault(library);
            var now = time.GetUtcNow();
            if (state?.LastStartedAt is { } last && now - last < interval)
            {
                continue;
            }

            var info = await catalog.GetAsync(library, "library", cancellationToken);
            if (!ReanalysisPolicy.IsDue(interval, state?.LastStartedAt, state?.LastMapTotalPoints, info.Shape.TotalPoints, now))
            {
                continue;
            }

            try
            {
                var response = await coordinator.StartAsync(new AnalysisRequest(library, null, [], false, null, "schedule"), cancellationToken);
                started.Add(response.Progress.OperationId);
            }
            catch (Exception e) when (e is DiscoveryConflictException or DiscoveryNotFoundException or DiscoveryRequestException)
            {
                LogSkipped(library, e.Message);
            }
        }

        return started;
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Scheduled re-analysis of {Library} skipped: {Reason}")]
    private partial void LogSkipped(string library, string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Re-analysis schedule check failed, retried at the next tick: {Reason}")]
    private partial void LogTickFailed(string reason);
}
