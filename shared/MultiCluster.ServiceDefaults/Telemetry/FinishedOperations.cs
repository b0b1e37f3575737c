using System.Diagnostics.Metrics;
using MultiCluster.Contracts.V1;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// A count of long operations that reached a final state, by state (succeeded, failed, cancelled), for work that mostly
/// starts from events or schedules rather than RPCs, so the RPC metrics cannot count it (migrations, rebalancing runs).
/// Every state starts at zero, so an alert on failures has its series before the first one.
/// </summary>
public sealed class FinishedOperations
{
    private static readonly OperationState[] Terminal = [OperationState.Succeeded, OperationState.Failed, OperationState.Cancelled];

    private readonly Counter<long> _finished;

    /// <param name="meterFactory">The host's factory: only its meters are exported.</param>
    /// <param name="meter">The meter's name after "MultiCluster.", e.g. "Rebalancer".</param>
    /// <param name="name">The instrument, e.g. "rebalancer.runs.finished" (exported as rebalancer_runs_finished_total{state}).</param>
    /// <param name="unit">UCUM annotation such as "{run}".</param>
    /// <param name="description">What is counted.</param>
    public FinishedOperations(IMeterFactory meterFactory, string meter, string name, string unit, string description)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _finished = meterFactory.Create(MetricsExtensions.MeterPrefix + meter, "1.0.0").CreateCounter<long>(name, unit, description);
        foreach (var state in Terminal)
        {
            _finished.Add(0, Tag(state));
        }
    }

    public void Finished(OperationState state) => _finished.Add(1, Tag(state));

    private static KeyValuePair<string, object?> Tag(OperationState state) => new("state", state.ToString().ToLowerInvariant());
}
