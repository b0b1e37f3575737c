using System.Globalization;
using MultiCluster.ServiceDefaults.Configuration;

namespace MultiCluster.Orchestrator;

/// <summary>
/// The "Orchestrator" section: defaults of routing, fan-out, fusion, cache and load reports where a library's own
/// settings (SetRoutingStrategy, SetFusionAlgorithm) are silent. The contract's defaults first, the seeds'
/// multi_cluster_managers.domain_library_orchestrator where the contract says nothing.
/// </summary>
public sealed record OrchestratorOptions
{
    public const string Section = "Orchestrator";

    /// <summary>A request's budget when neither the request nor the library sets one (the contract's 1,000 ms).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest budget a request may ask for (the seeds' timeout: 30s).</summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long search results stay cached for libraries without a cache_ttl of their own (the seeds' 10m); zero disables.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Recall@10 against exhaustive search that the adaptive domain count holds (issue #12: 0.99).</summary>
    public double RecallTarget { get; init; } = 0.99;

    /// <summary>How often "cluster.load" is published.</summary>
    public TimeSpan LoadReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Fraction of routed searches replayed exhaustively in the background to measure live recall; zero disables.</summary>
    public double LiveRecallSampleRate { get; init; } = 0.01;

    /// <summary>A live recall this far below the calibrated one asks Discovery for a new analysis (the seeds' accuracy_drop).</summary>
    public double AccuracyDrop { get; init; } = 0.1;

    /// <summary>Consecutive failures that open a cluster's circuit (the contract's default 5).</summary>
    public int CircuitFailureThreshold { get; init; } = 5;

    /// <summary>How long an open circuit stays open before trial requests (the contract's default 30 s).</summary>
    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight to one cluster before more wait in its bulkhead queue.</summary>
    public int ClusterConcurrency { get; init; } = 64;

    /// <summary>How often the routing snapshot is read again from Specialization and Discovery even without an event.</summary>
    public TimeSpan SnapshotRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    public static OrchestratorOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new OrchestratorOptions();
        return new OrchestratorOptions
        {
            DefaultTimeout = Intervals.Read(section, nameof(DefaultTimeout), defaults.DefaultTimeout),
            MaxTimeout = Intervals.Read(section, nameof(MaxTimeout), defaults.MaxTimeout),
            CacheTtl = Intervals.Read(section, nameof(CacheTtl), defaults.CacheTtl),
            RecallTarget = Fraction(section, nameof(RecallTarget), defaults.RecallTarget),
            LoadReportInterval = Intervals.Read(section, nameof(LoadReportInterval), defaults.LoadReportInterval),
            LiveRecallSampleRate = Fraction(section, nameof(LiveRecallSampleRate), defaults.LiveRecallSampleRate),
            AccuracyDrop = Fraction(section, nameof(AccuracyDrop), defaults.AccuracyDrop),
            CircuitFailureThreshold = Whole(section, nameof(CircuitFailureThreshold), defaults.CircuitFailureThreshold, 1, 1_000),
            CircuitBreakDuration = Intervals.Read(section, nameof(CircuitBreakDuration), defaults.CircuitBreakDuration),
            ClusterConcurrency = Whole(section, nameof(ClusterConcurrency), defaults.ClusterConcurrency, 1, 10_000),
            SnapshotRefreshInterval = Intervals.Read(section, nameof(SnapshotRefreshInterval), defaults.SnapshotRefreshInterval),
        };
    }

    private static int Whole(IConfigurationSection section, string key, int fallback, int min, int max) => section[key] is { Length: > 0 } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{Section}:{key}: '{text}' is not a whole number from {min} to {max}.")
        : fallback;

    private static double Fraction(IConfigurationSection section, string key, double fallback) => section[key] is { Length: > 0 } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new InvalidOperationException($"{Section}:{key}: '{text}' is not a number from 0 to 1.")
        : fallback;
}
