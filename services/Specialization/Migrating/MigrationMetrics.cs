using System.Diagnostics.Metrics;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Migrations that ended, by final state (succeeded, failed, cancelled): specialization_migrations_finished_total.
/// Most migrations start from events, not RPCs, so the RPC metrics cannot count them. Every state starts at zero so an
/// alert on failures has its series before the first one.
/// </summary>
public sealed class MigrationMetrics
{
    private static readonly OperationState[] Terminal = [OperationState.Succeeded, OperationState.Failed, OperationState.Cancelled];

    private readonly Counter<long> _finished;

    public MigrationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MetricsExtensions.MeterPrefix + "Specialization.Migrations", "1.0.0");
        _finished = meter.CreateCounter<long>("specialization.migrations.finished", "{migration}", "Migrations that reached a final state, by state.");
        foreach (var state in Terminal)
        {
            _finished.Add(0, Tag(state));
        }
    }

    public void Finished(OperationState state) => _finished.Add(1, Tag(state));

    private static KeyValuePair<string, object?> Tag(OperationState state) => new("state", state.ToString().ToLowerInvariant());
}
