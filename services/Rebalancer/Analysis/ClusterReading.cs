using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>One cluster read through the cluster port now: its configuration, health, and counts when it answered.</summary>
public sealed record ClusterReading(ClusterOptions Options, HealthStatus Health, ClusterStats? Stats)
{
    /// <summary>Highest of points / capacity_points and bytes / capacity_bytes; 0 without capacity or counts.</summary>
    public double FillRatio => Stats is null ? 0 : Math.Max(
        Options.CapacityPoints > 0 ? (double)Stats.PointsCount / Options.CapacityPoints : 0,
        Options.CapacityBytes > 0 ? (double)Stats.ApproximateBytes / Options.CapacityBytes : 0);

    /// <summary>Reads every configured cluster at once; one that does not answer is DOWN, without failing the others.</summary>
    public static async Task<IReadOnlyList<ClusterReading>> ReadAllAsync(IClusterRegistry registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var snapshot = registry.Current;
        return await Task.WhenAll(snapshot.Clusters.Select(c => ReadAsync(c, snapshot.Options.First(o => o.Name == c.Name), cancellationToken)));
    }

    private static async Task<ClusterReading> ReadAsync(IVectorCluster cluster, ClusterOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var health = await cluster.CheckHealthAsync(cancellationToken);
            if (health.State == HealthState.Down)
            {
                return new ClusterReading(options, HealthStatus.Down, null);
            }

            var stats = await cluster.GetStatsAsync(cancellationToken);
            return new ClusterReading(options, health.State == HealthState.Healthy ? HealthStatus.Healthy : HealthStatus.Degraded, stats);
        }
        catch (VectorClusterException)
        {
            // Went away between the probe and the count: as good as down for this reading.
            return new ClusterReading(options, HealthStatus.Down, null);
        }
    }
}
