using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// Probes and totals of the clusters, as ClusterAdminService answers them: health exactly as HealthCheckClusters
/// reports it (slow, not ready or over its memory threshold is degraded, no answer within the budget is down), and
/// the totals of every cluster that answered, degraded ones included (their points still count).
/// </summary>
internal static class ClusterProbes
{
    /// <summary>The contract's default probe budget per cluster when a request gives none.</summary>
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromMilliseconds(2000);

    // A cluster that does not answer within the budget is reported down; it must not fail the whole call, whose
    // point is to say which clusters are unwell. Cancellation by the caller still ends the call.
    public static async Task<Clusters.ClusterHealth> ProbeAsync(ClusterSnapshot snapshot, ClusterOptions options, TimeSpan budget, CancellationToken callCancelled)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(callCancelled);
        timeout.CancelAfter(budget);
        var checkedAt = DateTimeOffset.UtcNow;
        snapshot.TryGetCluster(options.Name, out var cluster);
        try
        {
            return await cluster!.CheckHealthAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!callCancelled.IsCancellationRequested)
        {
            return new Clusters.ClusterHealth(options.Name, HealthState.Down, TimeSpan.Zero, null,
                [new ClusterIssue(ClusterIssueCodes.Down, $"Cluster '{options.Name}' did not answer the health probe within {budget.TotalMilliseconds:0} ms: it is hung, overloaded or unreachable; check it, or raise timeout_ms in the request if it is only far away.")],
                checkedAt);
        }
    }

    public static async Task<GetGlobalMetricsResponse> GlobalAsync(ClusterSnapshot snapshot, IReadOnlyList<ClusterOptions> options, CancellationToken cancellationToken)
    {
        var totals = await Task.WhenAll(options.Select(o => OfAsync(snapshot, o, cancellationToken)));
        var response = new GetGlobalMetricsResponse
        {
            ClusterCount = (uint)totals.Length,
            HealthyClusterCount = (uint)totals.Count(t => t.Totals.Health == HealthStatus.Healthy),
            PointCount = (ulong)totals.Sum(t => (long)t.Totals.PointCount),
            SizeBytes = (ulong)totals.Sum(t => (long)t.Totals.SizeBytes),
            CapacityPoints = (ulong)options.Sum(o => o.CapacityPoints),
            CapacityBytes = (ulong)options.Sum(o => o.CapacityBytes),
            CollectionCount = (uint)totals.Sum(t => t.Totals.CollectionCount),
            LibraryCount = (uint)totals.SelectMany(t => t.Libraries).Distinct(StringComparer.Ordinal).Count(),
            CollectedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        response.Clusters.Add(totals.Select(t => t.Totals));
        return response;
    }

    private static async Task<(ClusterTotals Totals, IEnumerable<string> Libraries)> OfAsync(ClusterSnapshot snapshot, ClusterOptions options, CancellationToken cancellationToken)
    {
        var health = await ProbeAsync(snapshot, options, DefaultProbeTimeout, cancellationToken);
        if (health.State == HealthState.Down)
        {
            return (ClusterAdminConversions.ToTotals(options, null, HealthStatus.Down), []);
        }

        snapshot.TryGetCluster(options.Name, out var cluster);
        try
        {
            var stats = await cluster!.GetStatsAsync(cancellationToken);
            return (ClusterAdminConversions.ToTotals(options, stats, ClusterAdminConversions.ToStatus(health.State)), stats.Collections.Select(c => LibraryOf(c.Name)));
        }
        catch (VectorClusterException)
        {
            return (ClusterAdminConversions.ToTotals(options, null, HealthStatus.Down), []);
        }
    }

    // Collections are "{library}__{domainId}"; anything else is not ours and counts as no library.
    private static string LibraryOf(string collection) =>
        collection.IndexOf("__", StringComparison.Ordinal) is > 0 and var at ? collection[..at] : "";
}
