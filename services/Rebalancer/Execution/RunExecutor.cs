using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.ServiceDefaults.Telemetry;
using Npgsql;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// Executes the running rebalancing: its moves in plan order, at most the throttle's max_concurrent_moves at once,
/// each through <see cref="MoveExecutor"/>; then measures the imbalance after and ends the run (SUCCEEDED when every
/// move succeeded, FAILED with the first failure otherwise), publishing "rebalancing.executed" through the outbox in
/// the same transaction. Works from the stored run only, so a Rebalancer killed mid-run picks it up again on start.
/// A session advisory lock makes one replica the executor; PostgreSQL drops it with the connection of one that dies.
/// </summary>
public sealed partial class RunExecutor(
    RunStore store,
    MoveExecutor moves,
    LoadDistribution distribution,
    OutboxWriter outbox,
    RunSignal signal,
    FinishedOperations finishedRuns,
    ExecutionOptions options,
    TimeProvider time,
    ILogger<RunExecutor> logger) : BackgroundService
{
    /// <summary>The advisory lock key of the executor ("rebalexe" in ASCII), apart from the outbox relay's.</summary>
    private const long ExecutorLock = 0x7265_6261_6c65_7865;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.NextAsync();
            try
            {
                if (await store.RunningIdAsync(stoppingToken) is { } running)
                {
                    await ExecuteHeldAsync(running, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong, the run stays RUNNING in its row and is taken up again at the next poll: an
                // executor that died here would leave it running with nobody to finish it.
                LogExecutionFailed(e.Message);
            }

            await Task.WhenAny(woken, Task.Delay(options.ExecutorPollInterval, time, stoppingToken));
        }
    }

    private async Task ExecuteHeldAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        if (!await LockAsync(connection, "pg_try_advisory_lock", cancellationToken))
        {
            return;
        }

        try
        {
            if (await store.GetAsync(operationId, cancellationToken) is { Run.State: OperationState.Running } snapshot)
            {
                await ExecuteAsync(snapshot, cancellationToken);
            }
        }
        finally
        {
            await LockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(@key)", connection);
        command.Parameters.AddWithValue("key", ExecutorLock);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(RunSnapshot snapshot, CancellationToken cancellationToken)
    {
        var run = snapshot.Run;
        var left = snapshot.Moves.Where(m => !m.IsTerminal).ToList();
        LogExecuting(run.OperationId, left.Count, snapshot.Moves.Count);
        using (var slots = new SemaphoreSlim((int)Math.Max(1, run.Throttle.MaxConcurrentMoves)))
        {
            var running = new List<Task>();
            foreach (var move in left)
            {
                await slots.WaitAsync(cancellationToken);
                running.Add(RunReleasingAsync(run, move, slots, cancellationToken));
            }

            await Task.WhenAll(running);
        }

        var ended = await store.GetAsync(run.OperationId, cancellationToken) ?? throw new InvalidOperationException($"Rebalancing {run.OperationId} vanished while it ran.");
        if (ended.Moves.Any(m => !m.IsTerminal))
        {
            return; // stopping: the next executor goes on from here
        }

        await FinishAsync(ended, cancellationToken);
    }

    private async Task RunReleasingAsync(RunRow run, MoveRow move, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await moves.RunAsync(run, move, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task FinishAsync(RunSnapshot ended, CancellationToken cancellationToken)
    {
        var after = await distribution.AnalyzeAsync("", cancellationToken);
        var failed = ended.Moves.Where(m => m.State != OperationState.Succeeded).ToList();
        var error = failed.Count == 0 ? null : new OperationError
        {
            Code = failed[0].Error?.Code ?? "UNKNOWN",
            Message = $"{failed.Count} of {ended.Moves.Count} moves did not succeed; first: {failed[0].Error?.Message ?? $"moves[{failed[0].Index}] ended {failed[0].State}"}",
            Retryable = failed.All(m => m.Error?.Retryable == true),
            Cluster = failed[0].Error?.Cluster,
        };
        var run = ended.Run with
        {
            State = error is null ? OperationState.Succeeded : OperationState.Failed,
            SizeAfter = after.SizeImbalance,
            LoadAfter = after.LoadImbalance,
            Error = error,
            FinishedAt = time.GetUtcNow(),
        };
        var record = RunView.Record(ended with { Run = run });
        await store.FinishAsync(run, transaction => outbox.WriteAsync(transaction, Topics.RebalancingExecuted,
            new RebalancingExecutedEvent { Record = record, Error = error }, cancellationToken), cancellationToken);
        signal.Notify();
        finishedRuns.Finished(run.State);
        LogFinished(run.OperationId, run.State, run.SizeBefore, run.SizeAfter, error?.Message ?? "");
    }

    [LoggerMessage(EventId = 1325, Level = LogLevel.Information, Message = "Executing rebalancing {OperationId}: {Left} of {Total} moves left")]
    private partial void LogExecuting(string operationId, int left, int total);

    [LoggerMessage(EventId = 1326, Level = LogLevel.Information, Message = "Rebalancing {OperationId} ended {State}: size imbalance {Before:0.###} -> {After:0.###} {Error}")]
    private partial void LogFinished(string operationId, OperationState state, double before, double after, string error);

    [LoggerMessage(EventId = 1327, Level = LogLevel.Warning, Message = "Executing the running rebalancing failed, tried again shortly: {Reason}")]
    private partial void LogExecutionFailed(string reason);
}
