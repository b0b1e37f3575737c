namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// Rebalancing runs, one at a time: each a durable record of its plan and of its moves' outcomes, executed through
/// Specialization and tracked to completion. Not built yet: every member refuses, so callers fail loudly.
/// </summary>
public sealed class RebalancingRuns(TimeProvider time)
{
    /// <summary>Starts a run; FAILED_PRECONDITION naming the running one when another runs.</summary>
    public Task<RunStarted> StartAsync(RunStart start, CancellationToken cancellationToken) => throw NotBuilt(time);

    /// <summary>The operation id of the run in progress, or null.</summary>
    public Task<string?> RunningAsync(CancellationToken cancellationToken) => throw NotBuilt(time);

    /// <summary>Moves started since <paramref name="since"/>, newest first.</summary>
    public Task<IReadOnlyList<RecentMove>> MovesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => throw NotBuilt(time);

    /// <summary>When the last run ended, or null when none has.</summary>
    public Task<DateTimeOffset?> LastFinishedAtAsync(CancellationToken cancellationToken) => throw NotBuilt(time);

    private static NotSupportedException NotBuilt(TimeProvider time) => new($"rebalancing runs are not built yet ({time.GetUtcNow():O}).");
}
