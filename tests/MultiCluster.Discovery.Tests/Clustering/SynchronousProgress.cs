using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Tests.Clustering;

/// <summary>Hears reports on the reporting thread (Progress&lt;T&gt; would post them later to the pool).</summary>
internal sealed class SynchronousProgress(Action<ClusteringProgress> onReport) : IProgress<ClusteringProgress>
{
    public List<ClusteringProgress> Reports { get; } = [];

    public void Report(ClusteringProgress value)
    {
        lock (Reports)
        {
            Reports.Add(value);
        }

        onReport(value);
    }
}
