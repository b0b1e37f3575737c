using MultiCluster.Discovery.Sampling;

namespace MultiCluster.Discovery.Analysis;

/// <summary>Sampling progress as points read of the library. Synchronous: reported from the sampler's own flow.</summary>
public sealed class SamplingReporter(ProgressReporter report) : IProgress<SamplingProgress>
{
    public void Report(SamplingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        report.Update(value.Scanned, value.Total, "points", $"sampling: {value.Scanned} of {value.Total} points read");
    }
}
