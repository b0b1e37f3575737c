using MultiCluster.Clusters;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// The points of one collection, counted on the first of its copies that answers within the read budget; a collection
/// not there (dropped after a split) holds none. Null when no copy answered.
/// </summary>
public sealed class CollectionCounter(ClusterCalls calls)
{
    /// <summary>Counts on <paramref name="copies"/> (the copies of one collection) in their order.</summary>
    public async Task<long?> CountAsync(IEnumerable<CollectionCopy> copies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copies);
        foreach (var copy in copies)
        {
            var (count, failure) = await calls.TryAsync(copy.Cluster, ClusterCalls.ReadBudget, async (c, token) =>
            {
                try
                {
                    return await c.CountAsync(copy.Collection, null, token);
                }
                catch (CollectionNotFoundException)
                {
                    return 0L;
                }
            }, cancellationToken);
            if (failure is null)
            {
                return count;
            }
        }

        return null;
    }
}
