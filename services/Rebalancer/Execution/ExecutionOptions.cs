namespace MultiCluster.Rebalancer.Execution;

/// <summary>How the executor paces itself; keys of the "Rebalancer" section.</summary>
public sealed record ExecutionOptions
{
    /// <summary>How often the executor looks for a run to execute that another replica or a crash left (new runs wake it at once).</summary>
    public TimeSpan ExecutorPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the adaptive throttle reads the load of a running move's clusters.</summary>
    public TimeSpan ThrottleCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The load the throttle judges: the reports of this last span. Shorter than the analysis' minute, so a move
    /// resumes soon after its clusters recover rather than a minute later.
    /// </summary>
    public TimeSpan ThrottleLoadWindow { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often watchers read runs another replica changed (this replica's changes wake them at once).</summary>
    public TimeSpan WatchPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>These options, or a stop naming what is out of range.</summary>
    public ExecutionOptions Validated()
    {
        RebalancerSection.Require(
            ExecutorPollInterval > TimeSpan.Zero && ThrottleCheckInterval > TimeSpan.Zero && WatchPollInterval > TimeSpan.Zero && ThrottleLoadWindow > TimeSpan.Zero,
            "ExecutorPollInterval, ThrottleCheckInterval, WatchPollInterval and ThrottleLoadWindow must be longer than zero.");
        return this;
    }
}
