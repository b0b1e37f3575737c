namespace MultiCluster.Orchestrator.Metrics;

/// <summary>The true top results of a query: every collection of the library searched exactly, for live recall.</summary>
public interface IExhaustiveSearch
{
    /// <summary>Ids of the best <paramref name="limit"/> points, best first.</summary>
    Task<IReadOnlyList<string>> TopIdsAsync(string library, float[] vector, MultiCluster.Clusters.Filter? filter, int limit, CancellationToken cancellationToken);
}
