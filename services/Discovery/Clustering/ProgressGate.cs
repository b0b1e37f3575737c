using System.Diagnostics;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Passes on at most about five progress reports a second, plus the first of each phase and the forced ones: a bounded iteration can
/// take a millisecond, and a watcher streaming progress over the network needs the trend, not every step.
/// </summary>
internal sealed class ProgressGate(IProgress<ClusteringProgress>? progress)
{
    private static readonly long Interval = Stopwatch.Frequency / 5;
    private long _last = long.MinValue;
    private string? _phase;

    public void Report(ClusteringProgress report, bool force = false)
    {
        if (progress is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (force || report.Phase != _phase || now - _last >= Interval)
        {
            _last = now;
            _phase = report.Phase;
            progress.Report(report);
        }
    }
}
