using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Analysis;

/// <summary>Turns what a run is doing into the operation's progress snapshots: phase, counts, percent and estimate.</summary>
public sealed class ProgressReporter(AnalysisOperation operation, TimeProvider time, Stopwatch clock)
{
    private AnalysisPhase _phase = AnalysisPhase.Sampling;

    public void Phase(AnalysisPhase phase, long done, long total, string unit, string message)
    {
        _phase = phase;
        Update(done, total, unit, message);
    }

    public void Update(long done, long total, string unit, string message)
    {
        var fraction = total > 0 ? (double)done / total : 0;
        var percent = _phase.Percent(fraction);
        var elapsed = clock.Elapsed;
        operation.Update(
            r =>
            {
                var p = r.Progress;
                p.State = OperationState.Running;
                p.Phase = _phase.Name;
                p.DoneCount = (ulong)Math.Max(done, 0);
                p.TotalCount = (ulong)Math.Max(total, 0);
                p.Unit = unit;
                p.Percent = percent;
                p.Message = message;
                // An estimate from the overall pace; none until enough is done for the pace to mean something.
                p.EstimatedRemaining = percent >= 1 ? Duration.FromTimeSpan(elapsed * ((100 - percent) / percent)) : null;
            },
            time.GetUtcNow());
    }

    public void DomainCount(int count) => operation.Update(r => r.DomainCount = (uint)Math.Max(count, 0), time.GetUtcNow());

    public void Finish(OperationState state, string message, ulong version, int domainCount, double silhouette, OperationError? error) =>
        operation.Update(
            r =>
            {
                var p = r.Progress;
                p.State = state;
                p.Terminal = true;
                p.Message = message;
                p.Error = error;
                if (state == OperationState.Succeeded)
                {
                    p.Phase = AnalysisPhase.Publishing.Name;
                    p.Percent = 100;
                }

                r.MapVersion = version;
                r.DomainCount = (uint)Math.Max(domainCount, 0);
                r.SilhouetteScore = double.IsFinite(silhouette) ? silhouette : 0;
            },
            time.GetUtcNow());
}
