using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// Rebalancing runs, one at a time: each a durable record of its plan and of its moves' outcomes, executed through
/// Specialization by the <see cref="RunExecutor"/> and tracked to completion. "One at a time" holds across replicas:
/// the database refuses a second running row.
/// </summary>
public sealed partial class RebalancingRuns(RunStore store, ThresholdStore thresholds, RunSignal signal, TimeProvider time, ILogger<RebalancingRuns> logger)
{
    /// <summary>
    /// Starts a run; FAILED_PRECONDITION naming the running one when another runs. Idempotent by
    /// <see cref="RunStart.RequestId"/>: a repeated key returns the first operation and its plan. Zeros of the
    /// throttle (or no throttle) take the thresholds in effect now, stored with the run.
    /// </summary>
    public async Task<RunStarted> StartAsync(RunStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var requestId = string.IsNullOrEmpty(start.RequestId) ? null : start.RequestId;
        if (requestId is not null && await store.FindByRequestAsync(requestId, cancellationToken) is { } earlier)
        {
            return new RunStarted(earlier.Run.OperationId, earlier.Run.Plan);
        }

        if (await store.RunningIdAsync(cancellationToken) is { } running)
        {
            throw Busy(running);
        }

        var plan = start.Plan;
        var run = new RunRow(Guid.NewGuid().ToString(), start.Trigger, OperationState.Running, start.Reason, plan, await ResolveAsync(start.Throttle, cancellationToken),
            plan.SizeImbalanceBefore, 0, plan.LoadImbalanceBefore, 0, null, time.GetUtcNow(), null, 0);
        try
        {
            await store.InsertAsync(run, requestId, plan.Moves.Select((m, i) => MoveRow.Pending(run.OperationId, i, m)).ToList(), cancellationToken);
        }
        catch (Exception e) when (RunStore.IsUniqueViolation(e, out var constraint))
        {
            // Another request (or replica) got in first: the same key returns its run; anything else is the running one.
            if (constraint != RunStore.OneRunningIndex && requestId is not null && await store.FindByRequestAsync(requestId, cancellationToken) is { } same)
            {
                return new RunStarted(same.Run.OperationId, same.Run.Plan);
            }

            throw Busy(await store.RunningIdAsync(cancellationToken) ?? "(one that has just ended)");
        }

        signal.Notify();
        LogStarted(run.OperationId, run.Trigger, plan.Moves.Count, run.Reason);
        return new RunStarted(run.OperationId, plan);
    }

    /// <summary>The operation id of the run in progress, or null.</summary>
    public Task<string?> RunningAsync(CancellationToken cancellationToken) => store.RunningIdAsync(cancellationToken);

    /// <summary>Moves started since <paramref name="since"/>, newest first.</summary>
    public Task<IReadOnlyList<RecentMove>> MovesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => store.MovesSinceAsync(since, cancellationToken);

    /// <summary>When the last run ended, or null when none has.</summary>
    public Task<DateTimeOffset?> LastFinishedAtAsync(CancellationToken cancellationToken) => store.LastFinishedAtAsync(cancellationToken);

    /// <summary>The run of that operation id, or null.</summary>
    public Task<RunSnapshot?> GetAsync(string operationId, CancellationToken cancellationToken) => store.GetAsync(operationId, cancellationToken);

    /// <summary>The run started under that idempotency key, or null.</summary>
    public Task<RunSnapshot?> FindByRequestAsync(string requestId, CancellationToken cancellationToken) => store.FindByRequestAsync(requestId, cancellationToken);

    public static RebalancerException Busy(string running) => RebalancerException.Precondition(
        $"rebalancing {running} is running, and one runs at a time; wait for it to end (WatchRebalancing with operation_id {running}) and try again.");

    private async Task<AdaptiveThrottle> ResolveAsync(AdaptiveThrottle? requested, CancellationToken cancellationToken)
    {
        var limits = await thresholds.CurrentAsync(cancellationToken);
        return new AdaptiveThrottle
        {
            MaxPointsPerSecond = requested?.MaxPointsPerSecond ?? 0,
            TargetLatencyP99Ms = requested?.TargetLatencyP99Ms is > 0 and var p99 ? p99 : limits.MaxLatencyP99Ms,
            MaxErrorRate = requested?.MaxErrorRate is > 0 and var errors ? errors : limits.MaxErrorRate,
            MaxConcurrentMoves = requested?.MaxConcurrentMoves is > 0 and var moves ? moves : Math.Max(1, limits.MaxConcurrentMoves),
        };
    }

    [LoggerMessage(EventId = 1320, Level = LogLevel.Information, Message = "Rebalancing {OperationId} started ({Trigger}, {Moves} moves): {Reason}")]
    private partial void LogStarted(string operationId, RebalancingTrigger trigger, int moves, string reason);
}
