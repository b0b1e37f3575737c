namespace MultiCluster.Rebalancer;

/// <summary>
/// The "Rebalancer" section: the seeds' adaptive_rebalancing defaults (analysis_interval 15m, load_imbalance 0.3,
/// latency_degradation 100ms, accuracy_drop 0.1), the time series' retention and downsampling, and the forecast's
/// sampling. Thresholds set through SetRebalancingThresholds are stored and win over these; these are what a zero
/// field resolves to.
/// </summary>
public sealed record RebalancerOptions
{
    /// <summary>How often due forecasts are scored, and the analysis the auto mode will run on (the seeds' analysis_interval).</summary>
    public TimeSpan AnalysisInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Load imbalance (coefficient of variation of request rates) above which clusters are unbalanced (the seeds' load_imbalance).</summary>
    public double LoadImbalance { get; init; } = 0.3;

    /// <summary>A cluster whose p99 exceeds the clusters' mean p99 by this much is degraded (the seeds' latency_degradation).</summary>
    public TimeSpan LatencyDegradation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A forecast whose MAPE is worse than the naive forecast's by more than this share loses confidence (the seeds' accuracy_drop).</summary>
    public double AccuracyDrop { get; init; } = 0.1;

    /// <summary>How often cluster sizes are counted through the cluster port.</summary>
    public TimeSpan SizeSampleInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long raw load samples (one per Orchestrator report, every 5 s) are kept before they are rolled up.</summary>
    public TimeSpan RawRetention { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Width of the rollups raw samples are downsampled into.</summary>
    public TimeSpan RollupWidth { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long rollups and size samples are kept.</summary>
    public TimeSpan RollupRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often the downsampling and retention pass runs.</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The load analysed "now": each reporter's windows ending within this span, averaged, summed over reporters.</summary>
    public TimeSpan CurrentLoadWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Spacing of the series forecasts are fitted on.</summary>
    public TimeSpan ForecastBucket { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Length of one seasonal cycle (a day of traffic); Holt-Winters is used once the history holds two.</summary>
    public TimeSpan SeasonLength { get; init; } = TimeSpan.FromDays(1);

    /// <summary>These options, or a stop naming what is out of range.</summary>
    public RebalancerOptions Validated()
    {
        RebalancerSection.Require(LoadImbalance > 0 && LoadImbalance <= 10 && AccuracyDrop > 0 && AccuracyDrop <= 10, "LoadImbalance and AccuracyDrop must be numbers in (0, 10].");
        RebalancerSection.Require(RollupWidth > TimeSpan.Zero && ForecastBucket > TimeSpan.Zero && CurrentLoadWindow > TimeSpan.Zero,
            "RollupWidth, ForecastBucket and CurrentLoadWindow must be longer than zero.");
        RebalancerSection.Require(RawRetention >= RollupWidth && RollupRetention >= RawRetention,
            "retention must grow with coarseness: RollupWidth <= RawRetention <= RollupRetention.");
        RebalancerSection.Require(SeasonLength >= ForecastBucket * 2, "SeasonLength must hold at least two ForecastBuckets.");
        return this;
    }
}
