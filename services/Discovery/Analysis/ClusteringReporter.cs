using System.Globalization;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Analysis;

/// <summary>
/// A strategy's progress as the operation's: its own counts, with the current inertia or merge count in the message.
/// Synchronous (unlike <see cref="Progress{T}"/>), so reports arrive in order and none outlives the run.
/// </summary>
public sealed class ClusteringReporter(ProgressReporter report) : IProgress<ClusteringProgress>
{
    public void Report(ClusteringProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var detail = value switch
        {
            { Inertia: { } inertia } => string.Create(CultureInfo.InvariantCulture, $", inertia {inertia:0.####}"),
            { MergeCount: { } merges } => string.Create(CultureInfo.InvariantCulture, $", {merges} merges"),
            _ => "",
        };
        var counts = value.Total > 0 ? $"{value.Done}/{value.Total} {value.Unit}" : $"{value.Done} {value.Unit}";
        report.Update(value.Done, value.Total, value.Unit, $"clustering: {value.Phase} {counts}{detail}");
    }
}
