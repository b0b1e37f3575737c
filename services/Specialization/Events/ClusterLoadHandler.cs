using CloudNative.CloudEvents;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Specialization.Tuning;

namespace MultiCluster.Specialization.Events;

/// <summary>
/// "cluster.load": keeps the latest load of each cluster for OptimizeClusterConfig and GetClusterPerformanceMetrics.
/// Entries without a cluster name are skipped; they describe nothing that can be tuned.
/// </summary>
public sealed class ClusterLoadHandler(ClusterLoadStore store, TimeProvider time) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var report = cloudEvent.GetProtobufData(ClusterLoadEvent.Parser);
        var reportedAt = report.WindowStart is { } start && report.Window is { } window
            ? start.ToDateTimeOffset() + window.ToTimeSpan()
            : cloudEvent.Time ?? time.GetUtcNow();
        var loads = report.Clusters.Where(c => c.Cluster is { Name.Length: > 0 and <= 200 } && !c.Cluster.Name.Contains('\0', StringComparison.Ordinal)).ToList();
        await store.RecordAsync(loads, reportedAt, cancellationToken);
    }
}
