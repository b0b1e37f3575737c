using MultiCluster.Rebalancer.Execution;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// What planning asks of <see cref="RebalancingRuns"/>. Until execution is built its members throw
/// NotSupportedException; then nothing has run (no run in progress, no recent move, no last run) and a start is a
/// refusal a person can act on (use dry_run or plan_only), so planning works on its own.
/// </summary>
public sealed partial class RunsView(RebalancingRuns runs, ILogger<RunsView> logger)
{
    public Task<string?> RunningAsync(CancellationToken cancellationToken) => OrNothingAsync(() => runs.RunningAsync(cancellationToken), null);

    /// <summary>"library/domain" of every domain moved since <paramref name="since"/>.</summary>
    public Task<IReadOnlySet<string>> MovedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => OrNothingAsync(
        async () => (IReadOnlySet<string>)(await runs.MovesSinceAsync(since, cancellationToken)).Select(m => PlanLimits.Key(m.Library, m.DomainId)).ToHashSet(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal));

    public Task<DateTimeOffset?> LastFinishedAtAsync(CancellationToken cancellationToken) => OrNothingAsync(() => runs.LastFinishedAtAsync(cancellationToken), null);

    /// <summary>Starts the run; FAILED_PRECONDITION (from the runs) when one is running, or while execution is not built.</summary>
    public async Task<RunStarted> StartAsync(RunStart start, CancellationToken cancellationToken)
    {
        try
        {
            return await runs.StartAsync(start, cancellationToken);
        }
        catch (NotSupportedException e)
        {
            throw RebalancerException.Precondition($"dry_run: this Rebalancer cannot execute moves yet ({e.Message}); ask for a dry run, or let the auto mode plan only.");
        }
    }

    private async Task<T> OrNothingAsync<T>(Func<Task<T>> read, T nothing)
    {
        try
        {
            return await read();
        }
        catch (NotSupportedException e)
        {
            LogNotBuilt(e.Message);
            return nothing;
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "Rebalancing runs answered nothing: {Reason}")]
    private partial void LogNotBuilt(string reason);
}
