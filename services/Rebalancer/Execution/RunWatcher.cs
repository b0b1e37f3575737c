using System.Runtime.CompilerServices;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// WatchRebalancing: one run's record on every change until it ends, or (no operation id) every run's as it changes,
/// until the caller stops. Woken in-process by the <see cref="RunSignal"/>; changes made by another replica are seen at
/// the next poll.
/// </summary>
public sealed class RunWatcher(RunStore store, RunSignal signal, ExecutionOptions options, TimeProvider time)
{
    public const int MaxOperationIdLength = 200;

    /// <summary>The run's snapshots; NOT_FOUND (before anything is streamed) when no run has that id.</summary>
    public async Task<IAsyncEnumerable<WatchRebalancingResponse>> WatchAsync(string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        if (operationId.Length == 0)
        {
            return WatchAllAsync(await store.LastChangeAsync(cancellationToken), cancellationToken);
        }

        if (operationId.Length > MaxOperationIdLength)
        {
            throw RebalancerException.Invalid($"operation_id: {operationId.Length} characters, longer than any operation id; pass the operation_id ExecuteAdaptiveMigration or TriggerRebalancing returned.");
        }

        var first = await store.GetAsync(operationId, cancellationToken)
            ?? throw RebalancerException.NotFound($"operation_id: no rebalancing {operationId}; pass an operation_id ExecuteAdaptiveMigration or TriggerRebalancing returned (GetRebalancingHistory lists them).");
        return WatchOneAsync(first, cancellationToken);
    }

    private async IAsyncEnumerable<WatchRebalancingResponse> WatchOneAsync(RunSnapshot first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var current = first;
        yield return RunView.Watch(current, time.GetUtcNow());
        while (!current.Run.IsTerminal)
        {
            var changed = signal.NextAsync();
            var next = await store.GetAsync(current.Run.OperationId, cancellationToken);
            if (next is not null && next.Run.Change != current.Run.Change)
            {
                current = next;
                yield return RunView.Watch(current, time.GetUtcNow());
                continue;
            }

            await WaitAsync(changed, cancellationToken);
        }
    }

    private async IAsyncEnumerable<WatchRebalancingResponse> WatchAllAsync(long seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var runningId = await store.RunningIdAsync(cancellationToken);
        if (runningId is not null && await store.GetAsync(runningId, cancellationToken) is { } running)
        {
            seen = Math.Max(seen, running.Run.Change);
            yield return RunView.Watch(running, time.GetUtcNow());
        }

        while (true)
        {
            var changed = signal.NextAsync();
            foreach (var run in await store.ChangedAfterAsync(seen, cancellationToken))
            {
                seen = Math.Max(seen, run.Run.Change);
                yield return RunView.Watch(run, time.GetUtcNow());
            }

            await WaitAsync(changed, cancellationToken);
        }
    }

    private async Task WaitAsync(Task changed, CancellationToken cancellationToken)
    {
        await Task.WhenAny(changed, Task.Delay(options.WatchPollInterval, time, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
