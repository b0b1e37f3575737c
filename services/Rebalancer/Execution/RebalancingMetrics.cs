using System.Diagnostics.Metrics;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// Rebalancing runs that ended, by final state: rebalancer_runs_finished_total{state}. Automatic runs start without an
/// RPC, so the RPC metrics cannot tell a failing rebalancing; each state starts at zero so alerts have their series.
/// </summary>
public sealed class RebalancingMetrics
{
    private static readonly OperationState[] Terminal = [OperationState.Succeeded, OperationState.Failed, OperationState.Cancelled];

    private readonly Counter<long> _finished;

    public RebalancingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MetricsExtensions.MeterPrefix + "Rebalancer", "1.0.0");
        _finished = meter.CreateCounter<long>("rebalancer.runs.finished", "{run}", "Rebalancing runs that reached a final state, by state.");
        foreach (var state in Terminal)
        {
            _finished.Add(0, Tag(state));
        }
    }

    public void Finished(OperationState state) => _finished.Add(1, Tag(state));

    private static KeyValuePair<string, object?> Tag(OperationState state) => new("state", state.ToString().ToLowerInvariant());
}
