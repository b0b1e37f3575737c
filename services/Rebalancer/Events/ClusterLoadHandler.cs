using CloudNative.CloudEvents;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Rebalancer.Storage;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Events;

/// <summary>
/// "cluster.load": stores each reporter's window as load samples. Validated entry by entry, because one bad entry
/// must not cost the others (a handler that throws is redelivered forever): entries without a usable cluster name,
/// with rates, latencies or error rates that are negative or not finite, are skipped, as are domain entries without a
/// library or domain id. A window whose times cannot be read is dated by the event itself; a window older than the
/// raw retention is dropped (its bucket may already be rolled up).
/// </summary>
public sealed partial class ClusterLoadHandler(LoadStore store, RebalancerOptions options, TimeProvider time, ILogger<ClusterLoadHandler> logger) : IEventHandler
{
    private const int MaxName = 200;

    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var report = cloudEvent.GetProtobufData(ClusterLoadEvent.Parser);
        var now = time.GetUtcNow();
        var windowEnd = RequestTime.WindowEnd(report.WindowStart, report.Window) ?? cloudEvent.Time ?? now;
        if (windowEnd < now - options.RawRetention)
        {
            LogTooOld(report.Reporter, windowEnd);
            return;
        }

        var reporter = Usable(report.Reporter) ? report.Reporter : cloudEvent.Source?.ToString() ?? "unknown";
        var loads = new List<ClusterLoad>();
        foreach (var load in report.Clusters)
        {
            if (load.Cluster is not { } cluster || !Usable(cluster.Name)
                || !Measure(load.RequestRatePerSecond) || !Measure(load.LatencyP99Ms) || !Measure(load.ErrorRate) || load.ErrorRate > 1)
            {
                LogSkipped(reporter, load.Cluster?.Name ?? "");
                continue;
            }

            var clean = load.Clone();
            clean.Domains.Clear();
            clean.Domains.AddRange(load.Domains.Where(d => Usable(d.Library) && Usable(d.DomainId) && Measure(d.QueryRatePerSecond)));
            loads.Add(clean);
        }

        await store.RecordAsync(reporter, windowEnd, loads, cancellationToken);
    }

    private static bool Usable(string name) => name is { Length: > 0 and <= MaxName } && !name.Contains('\0', StringComparison.Ordinal);

    private static bool Measure(double value) => double.IsFinite(value) && value >= 0;

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "cluster.load from {Reporter}: an entry for cluster '{Cluster}' is malformed (no name, or a negative or non-finite measure) and was skipped")]
    private partial void LogSkipped(string reporter, string cluster);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "cluster.load from {Reporter}: window ending {WindowEnd:O} is older than the raw retention and was dropped")]
    private partial void LogTooOld(string reporter, DateTimeOffset windowEnd);
}
