using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using Npgsql;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// Builds a <see cref="ClusterInventory"/>: the registry's configuration, each cluster's stats (asked of all at once; one
/// that does not answer counts as unhealthy and holding nothing), and the query rates of the latest "cluster.load".
/// </summary>
public sealed class InventoryReader(IClusterRegistry registry, NpgsqlDataSource dataSource)
{
    public async Task<ClusterInventory> ReadAsync(string library, CancellationToken cancellationToken)
    {
        var snapshot = registry.Current;
        var stats = await Task.WhenAll(snapshot.Options.Select(async options =>
        {
            if (!snapshot.TryGetCluster(options.Name, out var cluster))
            {
                return (options, (ClusterStats?)null);
            }

            try
            {
                return (options, await cluster.GetStatsAsync(cancellationToken));
            }
            catch (VectorClusterException)
            {
                return (options, (ClusterStats?)null);
            }
        }));
        var loads = await LoadsAsync(cancellationToken);
        var domainRates = loads.SelectMany(l => l.Domains).Where(d => d.Library == library)
            .GroupBy(d => d.DomainId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.QueryRatePerSecond), StringComparer.Ordinal);
        var collections = new List<DomainCopy>();
        var clusters = new List<ClusterCapacity>();
        foreach (var (options, found) in stats)
        {
            var own = (found?.Collections ?? [])
                .Select(c => LibraryName.TrySplit(c.Name, out var lib, out var domain) && lib == library ? new DomainCopy(options.Name, domain, c.PointsCount, c.ApproximateBytes) : null)
                .OfType<DomainCopy>()
                .ToList();
            collections.AddRange(own);
            var load = loads.FirstOrDefault(l => l.Cluster?.Name == options.Name);
            var otherRate = load is null ? 0 : Math.Max(0, load.Domains.Where(d => d.Library != library).Sum(d => d.QueryRatePerSecond));
            clusters.Add(new ClusterCapacity(
                options.Name,
                options.Region,
                options.CapacityPoints,
                options.CapacityBytes,
                (found?.PointsCount ?? 0) - own.Sum(c => c.Points),
                (found?.ApproximateBytes ?? 0) - own.Sum(c => c.Bytes),
                options.Draining,
                found is not null,
                otherRate));
        }

        return new ClusterInventory(clusters, collections.OrderBy(c => c.DomainId, StringComparer.Ordinal).ThenBy(c => c.Cluster, StringComparer.Ordinal).ToList(), domainRates, snapshot.DefaultClusterName);
    }

    private async Task<IReadOnlyList<ClusterLoad>> LoadsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT load FROM cluster_load ORDER BY cluster");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var loads = new List<ClusterLoad>();
        while (await reader.ReadAsync(cancellationToken))
        {
            loads.Add(ClusterLoad.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0)));
        }

        return loads;
    }
}
