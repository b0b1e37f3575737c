using MultiCluster.Rebalancer.Execution;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>What planning asks of <see cref="RebalancingRuns"/>, in planning's terms (a moved domain as its cooldown key).</summary>
public sealed class RunsView(RebalancingRuns runs)
{
    public Task<string?> RunningAsync(CancellationToken cancellationToken) => runs.RunningAsync(cancellationToken);

    /// <summary>"library/domain" of every domain moved since <paramref name="since"/>.</summary>
    public async Task<IReadOnlySet<string>> MovedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        (await runs.MovesSinceAsync(since, cancellationToken)).Select(m => PlanLimits.Key(m.Library, m.DomainId)).ToHashSet(StringComparer.Ordinal);

    public Task<DateTimeOffset?> LastFinishedAtAsync(CancellationToken cancellationToken) => runs.LastFinishedAtAsync(cancellationToken);

    /// <summary>Starts the run; FAILED_PRECONDITION naming the running one when another runs.</summary>
    public Task<RunStarted> StartAsync(RunStart start, CancellationToken cancellationToken) => runs.StartAsync(start, cancellationToken);
}
