namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// What the search path tells the metrics, per query and per cluster call: the load reports ("cluster.load") and
/// GetCrossClusterMetrics are made of these. Cheap and non-blocking; never throws.
/// </summary>
public interface IQueryRecorder
{
    /// <summary>A request to <paramref name="cluster"/> started (counted in flight until its <see cref="ClusterCallCompleted"/>).</summary>
    void ClusterCallStarted(string cluster);

    void ClusterCallCompleted(ClusterCallObservation observation);

    void QueryCompleted(QueryObservation query);
}
