using MultiCluster.Clusters;
using MultiCluster.Orchestrator.Snapshots;
using Distance = MultiCluster.Contracts.V1.Distance;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// Exhaustive search by the routing snapshot: every domain's collection on every cluster it is read from, and
/// "unassigned" on the default cluster, searched exactly (brute force); duplicates (replicas, a moving domain) merged
/// by id. Slow by design, run only in the background on a small sample.
/// </summary>
public sealed class SnapshotExhaustiveSearch(RoutingSnapshots snapshots, IClusterRegistry registry) : IExhaustiveSearch
{
    public async Task<IReadOnlyList<string>> TopIdsAsync(string library, float[] vector, Filter? filter, int limit, CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Get(library) ?? throw OrchestratorException.NotFound($"library: no library {LibraryName.Quote(library)}.");
        var targets = new List<(IVectorCluster Cluster, string Collection)> { (registry.DefaultCluster, LibraryName.Collection(library, LibraryName.Unassigned)) };
        foreach (var entry in snapshot.Table?.Entries ?? [])
        {
            targets.AddRange(entry.ReadClusters.Select(c => (registry.GetCluster(c.Name), entry.CollectionName.Length > 0 ? entry.CollectionName : LibraryName.Collection(library, entry.DomainId))));
        }

        var request = new SearchRequest(vector, limit, filter, WithPayload: false, Exact: true);
        var answers = await Task.WhenAll(targets.Distinct().Select(async t =>
        {
            try
            {
                return await t.Cluster.SearchAsync(t.Collection, request, cancellationToken);
            }
            catch (CollectionNotFoundException)
            {
                return [];
            }
        }));
        var lowerIsBetter = snapshot.Library.Distance == Distance.Euclid;
        return [.. answers.SelectMany(a => a)
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Score: lowerIsBetter ? -g.Min(p => p.Score) : g.Max(p => p.Score)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select(p => p.Id)];
    }
}
