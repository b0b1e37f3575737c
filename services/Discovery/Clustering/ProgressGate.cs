using System.Diagnostics;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Passes at most one progress report per <see cref="Interval"/> on (plus every final one): parallel loops report per
/// block, and a watcher streaming them over the network wants a few per second, not thousands.
/// </summary>
internal sealed class ProgressGate(IProgress<ClusteringProgress>? progress)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _reportedOnce;

    public void Report(ClusteringProgress report, bool final = false)
    {
        if (progress is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!final && _reportedOnce && _sinceLast.Elapsed < Interval)
            {
                return;
            }

            _reportedOnce = true;
            _sinceLast.Restart();
        }

        progress.Report(report);
    }
}
