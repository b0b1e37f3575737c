using CloudNative.CloudEvents;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.Specialization.Tuning;

namespace MultiCluster.Specialization.Events;

/// <summary>
/// "cluster.load": keeps the latest load of each cluster for OptimizeClusterConfig and GetClusterPerformanceMetrics.
/// Entries without a cluster name are skipped; they describe nothing that can be tuned. A window that cannot be read
/// (another publisher's malformed times) is dated by the event itself.
/// </summary>
public sealed class ClusterLoadHandler(ClusterLoadStore store, TimeProvider time) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var report = cloudEvent.GetProtobufData(ClusterLoadEvent.Parser);
        var reportedAt = RequestTime.WindowEnd(report.WindowStart, report.Window) ?? cloudEvent.Time ?? time.GetUtcNow();
        var loads = report.Clusters.Where(c => c.Cluster is { Name.Length: > 0 and <= 200 } && !c.Cluster.Name.Contains('\0', StringComparison.Ordinal)).ToList();
        await store.RecordAsync(loads, reportedAt, cancellationToken);
    }
}
