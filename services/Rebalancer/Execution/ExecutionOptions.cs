using MultiCluster.ServiceDefaults.Configuration;

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

    public static ExecutionOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(RebalancerOptions.Section);
        var d = new ExecutionOptions();
        var options = new ExecutionOptions
        {
            ExecutorPollInterval = Intervals.Read(section, nameof(ExecutorPollInterval), d.ExecutorPollInterval),
            ThrottleCheckInterval = Intervals.Read(section, nameof(ThrottleCheckInterval), d.ThrottleCheckInterval),
            WatchPollInterval = Intervals.Read(section, nameof(WatchPollInterval), d.WatchPollInterval),
            ThrottleLoadWindow = Intervals.Read(section, nameof(ThrottleLoadWindow), d.ThrottleLoadWindow),
        };
        return options.ExecutorPollInterval > TimeSpan.Zero && options.ThrottleCheckInterval > TimeSpan.Zero && options.WatchPollInterval > TimeSpan.Zero
            && options.ThrottleLoadWindow > TimeSpan.Zero
            ? options
            : throw new InvalidOperationException($"{RebalancerOptions.Section}: ExecutorPollInterval, ThrottleCheckInterval, WatchPollInterval and ThrottleLoadWindow must be longer than zero.");
    }
}
