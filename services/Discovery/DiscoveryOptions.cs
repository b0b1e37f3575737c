using System.Globalization;
using MultiCluster.ServiceDefaults.Configuration;

namespace MultiCluster.Discovery;

/// <summary>The "Discovery" section: limits and schedules of the service.</summary>
public sealed record DiscoveryOptions
{
    public const string Section = "Discovery";

    /// <summary>Default re-analysis interval, as the seeds' multi_cluster_managers.domain_discovery.analysis_interval says.</summary>
    public static readonly TimeSpan DefaultReanalysisInterval = TimeSpan.FromMinutes(5);

    /// <summary>Largest sample an analysis or validation may ask for.</summary>
    public int MaxSampleSize { get; init; } = 100_000;

    /// <summary>Re-analysis interval of libraries without settings of their own or a stored default; zero disables it.</summary>
    public TimeSpan ReanalysisInterval { get; init; } = DefaultReanalysisInterval;

    /// <summary>How often the scheduler looks for libraries due for re-analysis.</summary>
    public TimeSpan SchedulerTick { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often WatchDomainMap reads the table, for maps published by other replicas.</summary>
    public TimeSpan WatchPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Window of the load samples DiscoverPatterns summarises.</summary>
    public TimeSpan UsageWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a finished operation's live progress stays in memory (the history answers after that).</summary>
    public TimeSpan FinishedOperationRetention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Reads the section. Intervals accept "30s", "5m", "1h", "250ms" (the seeds' form) or TimeSpan's "00:05:00";
    /// a value that is neither stops the start with the key named.
    /// </summary>
    public static DiscoveryOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new DiscoveryOptions();
        var maxSample = section[nameof(MaxSampleSize)] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new InvalidOperationException($"{Section}:{nameof(MaxSampleSize)}: '{text}' is not a positive whole number.")
            : defaults.MaxSampleSize;
        return new DiscoveryOptions
        {
            MaxSampleSize = maxSample,
            ReanalysisInterval = Interval(section, nameof(ReanalysisInterval), defaults.ReanalysisInterval),
            SchedulerTick = Interval(section, nameof(SchedulerTick), defaults.SchedulerTick),
            WatchPollInterval = Interval(section, nameof(WatchPollInterval), defaults.WatchPollInterval),
            UsageWindow = Interval(section, nameof(UsageWindow), defaults.UsageWindow),
            FinishedOperationRetention = Interval(section, nameof(FinishedOperationRetention), defaults.FinishedOperationRetention),
        };
    }

    private static TimeSpan Interval(IConfigurationSection section, string key, TimeSpan fallback) => Intervals.Read(section, key, fallback);
}
