using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// Carries one move of a run through Specialization: starts its migration under a request id made of the run's
/// operation id and the move's index (so a Rebalancer restarted mid-run finds the migration it started instead of
/// starting a second), follows it with WatchMigration until it ends, storing phase, state and percent as they change,
/// and meanwhile holds it paused while its source or target is over the run's throttle.
/// </summary>
public sealed partial class MoveExecutor(
    SpecializationService.SpecializationServiceClient specialization,
    RunStore store,
    LoadStore loads,
    RunSignal signal,
    ExecutionOptions options,
    TimeProvider time,
    ILogger<MoveExecutor> logger)
{
    /// <summary>Consecutive failed attempts to reach Specialization before the move is given up (each a second apart).</summary>
    private const int Attempts = 60;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public static string RequestId(string runOperationId, int index) => $"rebalancing-{runOperationId}-move-{index}";

    public async Task RunAsync(RunRow run, MoveRow move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(move);
        if (move.MigrationId is null)
        {
            move = await StartAsync(run, move, cancellationToken);
            if (move.MigrationId is null)
            {
                return;
            }
        }

        var migrationId = move.MigrationId;

        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var throttle = new ThrottleState(move.Throttled);
        var throttling = ThrottleAsync(run.Throttle, move, migrationId, throttle, following.Token);
        try
        {
            await FollowAsync(move, migrationId, cancellationToken);
        }
        finally
        {
            await following.CancelAsync();
            await throttling;
        }
    }

    /// <summary>Starts (or finds, by request id) the move's migration and stores its id; the move without one when it could not start (it is then FAILED).</summary>
    private async Task<MoveRow> StartAsync(RunRow run, MoveRow move, CancellationToken cancellationToken)
    {
        var request = new MigrateToSpecializationRequest
        {
            Move = move.Move,
            MaxPointsPerSecond = run.Throttle.MaxPointsPerSecond,
            RequestId = RequestId(run.OperationId, move.Index),
        };
        var answer = await CallAsync(() => specialization.MigrateToSpecializationAsync(request, cancellationToken: cancellationToken).ResponseAsync,
            $"moves[{move.Index}]: starting the migration at Specialization", cancellationToken);
        if (answer.Error is { } error)
        {
            await EndAsync(move, new MoveEnd(MigrationPhase.Unspecified, OperationState.Failed, 0, 0, 0, error, time.GetUtcNow()), cancellationToken);
            return move;
        }

        var migrationId = answer.Value!.OperationId;
        var started = move.Move.Clone();
        if (started.Source is not { Name.Length: > 0 } && answer.Value.Status?.Move?.Source is { Name.Length: > 0 } source)
        {
            started.Source = source;
        }

        await store.SaveStartedAsync(move, started, migrationId, time.GetUtcNow(), cancellationToken);
        signal.Notify();
        LogMoveStarted(run.OperationId, move.Index, started.DomainId, started.Target.Name, migrationId);
        return move with { Move = started, MigrationId = migrationId, State = OperationState.Running };
    }

    /// <summary>Watches the migration to its end, reconnecting when the stream breaks; stores each change, then the end.</summary>
    private async Task FollowAsync(MoveRow move, string migrationId, CancellationToken cancellationToken)
    {
        var failures = 0;
        var last = (Phase: move.Phase, State: move.State, Percent: Math.Round(move.Percent, 1));
        while (true)
        {
            try
            {
                using var call = specialization.WatchMigration(new WatchMigrationRequest { OperationId = migrationId }, cancellationToken: cancellationToken);
                await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    failures = 0;
                    var status = update.Migration;
                    if (update.Progress.Terminal)
                    {
                        await EndAsync(move, Ended(move, status, update.Progress), cancellationToken);
                        return;
                    }

                    var now = (status.Phase, status.State, Math.Round(update.Progress.Percent, 1));
                    if (now != last)
                    {
                        last = now;
                        await store.SaveProgressAsync(move, now.Phase, now.State, now.Item3, cancellationToken);
                        signal.Notify();
                    }
                }
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested && (OperationErrors.IsTransient(e.StatusCode) || e.StatusCode is StatusCode.Internal or StatusCode.Cancelled))
            {
                if (++failures >= Attempts)
                {
                    await EndAsync(move, new MoveEnd(last.Phase, OperationState.Failed, last.Percent, 0, 0,
                        OperationErrors.From(e, $"moves[{move.Index}]: lost track of migration {migrationId} (it may still finish at Specialization; see WatchMigration)"), time.GetUtcNow()), cancellationToken);
                    return;
                }
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                await EndAsync(move, new MoveEnd(last.Phase, OperationState.Failed, last.Percent, 0, 0,
                    OperationErrors.From(e, $"moves[{move.Index}]: watching migration {migrationId}"), time.GetUtcNow()), cancellationToken);
                return;
            }

            // The stream ended without a terminal state (Specialization stopping): follow it again shortly.
            await Task.Delay(RetryDelay, time, cancellationToken);
        }
    }

    private MoveEnd Ended(MoveRow move, MigrationStatus status, OperationProgress progress)
    {
        var points = (long)Math.Max(status.PointsCopied, status.State == OperationState.Succeeded ? status.PointsTotal : 0);
        var perPoint = move.Move.PointCount > 0 ? (double)move.Move.SizeBytes / move.Move.PointCount : 0;
        var error = status.State == OperationState.Succeeded ? null : status.Error ?? progress.Error ?? new OperationError
        {
            Code = status.State == OperationState.Cancelled ? "CANCELLED" : "UNKNOWN",
            Message = $"migration {status.OperationId} ended {status.State.ToString().ToUpperInvariant()} without saying why; see GetSpecializationHistory.",
        };
        if (error is not null && !error.Message.StartsWith("moves[", StringComparison.Ordinal))
        {
            error = new OperationError(error) { Message = $"moves[{move.Index}]: migration {status.OperationId} of {move.Move.DomainId}: {error.Message}" };
        }

        return new MoveEnd(status.Phase, status.State, progress.Percent, points, (long)(points * perPoint), error, time.GetUtcNow());
    }

    private async Task EndAsync(MoveRow move, MoveEnd end, CancellationToken cancellationToken)
    {
        await store.SaveEndAsync(move, end, cancellationToken);
        signal.Notify();
        LogMoveEnded(move.OperationId, move.Index, end.State, end.Error?.Message ?? "");
    }

    /// <summary>
    /// Every <see cref="ExecutionOptions.ThrottleCheckInterval"/>: pauses the migration while source or target is over
    /// the throttle, resumes it once both are back under, and records why. Only pauses it made itself are undone.
    /// </summary>
    private async Task ThrottleAsync(AdaptiveThrottle throttle, MoveRow move, string migrationId, ThrottleState state, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.ThrottleCheckInterval, time, cancellationToken);
                var current = await loads.CurrentAsync(time.GetUtcNow() - options.ThrottleLoadWindow, cancellationToken);
                var verdict = ThrottleGate.Verdict(throttle, move.Move.Source?.Name ?? "", move.Move.Target.Name, current);
                if (verdict is not null && !state.Paused)
                {
                    await PauseAsync(move, migrationId, verdict, state, cancellationToken);
                }
                else if (verdict is null && state.Paused)
                {
                    await ResumeAsync(move, migrationId, state, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The move ended (or the executor stops): nothing left to throttle.
            }
            catch (Exception e) when (e is RpcException or Npgsql.NpgsqlException)
            {
                // Tried again at the next check; meanwhile the move goes on as it is.
                LogThrottleFailed(move.OperationId, move.Index, e.Message);
            }
        }
    }

    private async Task PauseAsync(MoveRow move, string migrationId, string verdict, ThrottleState state, CancellationToken cancellationToken)
    {
        try
        {
            await specialization.PauseMigrationAsync(new PauseMigrationRequest { OperationId = migrationId }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            // Routing has flipped already: the rest finishes by itself, and pausing it would help nobody.
            return;
        }

        state.Paused = true;
        await store.SaveThrottleAsync(move, true, $"paused: {verdict}", cancellationToken);
        signal.Notify();
        LogThrottled(move.OperationId, move.Index, "paused", verdict);
    }

    private async Task ResumeAsync(MoveRow move, string migrationId, ThrottleState state, CancellationToken cancellationToken)
    {
        await specialization.MigrateToSpecializationAsync(new MigrateToSpecializationRequest { ResumeOperationId = migrationId }, cancellationToken: cancellationToken);
        state.Paused = false;
        const string why = "source and target back within the throttle";
        await store.SaveThrottleAsync(move, false, $"resumed: {why}", cancellationToken);
        signal.Notify();
        LogThrottled(move.OperationId, move.Index, "resumed", why);
    }

    /// <summary>Calls Specialization, trying again while it is unreachable; the error says what failed when it gives up or is refused.</summary>
    private async Task<(T? Value, OperationError? Error)> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await call(), null);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested && OperationErrors.IsTransient(e.StatusCode) && attempt < Attempts)
            {
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, OperationErrors.From(e, what));
            }
        }
    }

    /// <summary>Whether the throttle holds the migration paused; shared by the throttle loop only.</summary>
    private sealed class ThrottleState(bool paused)
    {
        public bool Paused { get; set; } = paused;
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Information, Message = "Rebalancing {OperationId} moves[{Index}]: {DomainId} to {Target} as migration {MigrationId}")]
    private partial void LogMoveStarted(string operationId, int index, string domainId, string target, string migrationId);

    [LoggerMessage(EventId = 1322, Level = LogLevel.Information, Message = "Rebalancing {OperationId} moves[{Index}] ended {State} {Error}")]
    private partial void LogMoveEnded(string operationId, int index, OperationState state, string error);

    [LoggerMessage(EventId = 1323, Level = LogLevel.Information, Message = "Rebalancing {OperationId} moves[{Index}] {Action}: {Why}")]
    private partial void LogThrottled(string operationId, int index, string action, string why);

    [LoggerMessage(EventId = 1324, Level = LogLevel.Warning, Message = "Rebalancing {OperationId} moves[{Index}]: the throttle check failed, tried again at the next: {Reason}")]
    private partial void LogThrottleFailed(string operationId, int index, string reason);
}
