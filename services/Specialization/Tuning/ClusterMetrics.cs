using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// GetClusterPerformanceMetrics: per cluster its health, size and fill (from the cluster itself), its latest load (as
/// the Orchestrator reported it) and its collections split into library and domain. A cluster that does not answer is
/// reported DOWN with nothing else, rather than failing the call.
/// </summary>
public sealed class ClusterMetrics(IClusterRegistry clusters, ClusterLoadStore loads)
{
    public async Task<IReadOnlyList<ClusterPerformance>> DescribeAsync(IReadOnlyList<string> names, string library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (library.Length > 0)
        {
            TuningNames.Library("library", library);
        }

        IReadOnlyList<IVectorCluster> targets = names.Count == 0 ? clusters.All : [.. names.Distinct(StringComparer.Ordinal).Select(n => TuningNames.Cluster(clusters, "clusters", n))];
        var latest = await loads.LatestAsync(cancellationToken);
        return await Task.WhenAll(targets.Select(c => DescribeAsync(c, library, latest.GetValueOrDefault(c.Name), cancellationToken)));
    }

    private async Task<ClusterPerformance> DescribeAsync(IVectorCluster cluster, string library, ClusterLoad? load, CancellationToken cancellationToken)
    {
        var options = clusters.Options.First(o => o.Name == cluster.Name);
        var performance = new ClusterPerformance { Cluster = new ClusterRef { Name = cluster.Name, Region = options.Region } };
        var health = await cluster.CheckHealthAsync(cancellationToken);
        performance.Health = health.State switch
        {
            HealthState.Healthy => HealthStatus.Healthy,
            HealthState.Degraded => HealthStatus.Degraded,
            _ => HealthStatus.Down,
        };
        if (health.State == HealthState.Down)
        {
            return performance;
        }

        ClusterStats stats;
        try
        {
            stats = await cluster.GetStatsAsync(cancellationToken);
        }
        catch (VectorClusterException)
        {
            // Went away between the probe and the count: as good as down for this answer.
            performance.Health = HealthStatus.Down;
            return performance;
        }

        performance.PointCount = (ulong)stats.PointsCount;
        performance.SizeBytes = (ulong)stats.ApproximateBytes;
        performance.FillRatio = options.CapacityPoints > 0 ? Math.Min(1.0, (double)stats.PointsCount / options.CapacityPoints) : 0;
        if (load is not null)
        {
            performance.Load = load;
        }

        foreach (var collection in stats.Collections.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            LibraryName.TrySplit(collection.Name, out var owner, out var domainId);
            if (library.Length > 0 && owner != library)
            {
                continue;
            }

            performance.Collections.Add(new CollectionUsage
            {
                CollectionName = collection.Name,
                Library = owner,
                DomainId = domainId,
                PointCount = (ulong)collection.PointsCount,
                SizeBytes = (ulong)collection.ApproximateBytes,
            });
        }

        return performance;
    }
}
