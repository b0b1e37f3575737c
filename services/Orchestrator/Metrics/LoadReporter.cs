using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// Publishes "cluster.load" every LoadReportInterval: the window's calls per configured cluster (zero load included,
/// so a reader sees an idle cluster as idle rather than unknown) and per domain. Published directly, not through an
/// outbox: a lost report is replaced by the next one a few seconds later.
/// </summary>
public sealed partial class LoadReporter(
    QueryMetrics metrics, IClusterRegistry registry, IEventPublisher publisher, OrchestratorOptions options, TimeProvider time, ILogger<LoadReporter> logger) : BackgroundService
{
    /// <summary>This instance, as reports name it: loads from several Orchestrators add up per cluster.</summary>
    public static readonly string Reporter = $"orchestrator@{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var windowStart = time.GetUtcNow();
        using var timer = new PeriodicTimer(options.LoadReportInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            try
            {
                await publisher.PublishAsync(Topics.ClusterLoad, Report(windowStart, now), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPublishFailed(e.Message);
            }

            windowStart = now;
        }
    }

    public ClusterLoadEvent Report(DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var window = windowEnd - windowStart;
        var report = new ClusterLoadEvent { Reporter = Reporter, WindowStart = Timestamp.FromDateTimeOffset(windowStart), Window = Duration.FromTimeSpan(window) };
        var calls = metrics.CallsSince(windowStart, "");
        report.Clusters.AddRange(ClusterLoads.Of(calls, registry.Current.Clusters.Select(c => c.Name), window, metrics.InFlight).Select(l => l.Load));
        return report;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Publishing cluster.load failed ({Reason}); the next window's report follows")]
    private partial void LogPublishFailed(string reason);
}
