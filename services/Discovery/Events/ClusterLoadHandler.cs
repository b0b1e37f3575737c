using CloudNative.CloudEvents;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Storage;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Discovery.Events;

/// <summary>
/// "cluster.load": keeps the per-domain query counts of each load window, which DiscoverPatterns summarises as
/// usage. Entries naming no valid library or domain are skipped; they cannot match any map.
/// </summary>
public sealed class ClusterLoadHandler(DiscoveryStore store, DiscoveryOptions options) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var load = cloudEvent.GetProtobufData(ClusterLoadEvent.Parser);
        // Another publisher's malformed times must not fail the handler (redelivered, it would fail forever).
        var windowStart = RequestTime.Read(load.WindowStart, "window_start", out _) ?? cloudEvent.Time ?? DateTimeOffset.UtcNow;
        var window = RequestTime.ReadDuration(load.Window, "window", out _) is { } length && length >= TimeSpan.Zero ? length : TimeSpan.Zero;
        var rows = load.Clusters
            .SelectMany(cluster => cluster.Domains.Select(domain => (cluster, domain)))
            .Where(x => LibraryName.IsValid(x.domain.Library) && LibraryName.IsValidDomainId(x.domain.DomainId))
            .Select(x => new DomainLoadRow(x.domain.Library, x.domain.DomainId, x.cluster.Cluster?.Name ?? "", Clean(load.Reporter), windowStart, window, x.domain.QueryCount))
            .ToList();
        if (rows.Count > 0)
        {
            await store.AddLoadAsync(rows, options.UsageWindow * 2, cancellationToken);
        }
    }

    // PostgreSQL text holds no NUL; a reporter name is informational, so it is cleaned rather than refused.
    private static string Clean(string text) => text.Replace("\0", "", StringComparison.Ordinal) is var clean && clean.Length > 200 ? clean[..200] : clean;
}
