using System.Globalization;
using MultiCluster.ServiceDefaults.Configuration;

namespace MultiCluster.Specialization;

/// <summary>
/// The "Specialization" section: defaults of the placement policy and migrations (the seeds'
/// multi_cluster_managers.cluster_specialization where the contract is silent) and the service's schedules.
/// </summary>
public sealed record SpecializationOptions
{
    public const string Section = "Specialization";

    /// <summary>Points per migration batch when neither request nor policy says; the contract's default.</summary>
    public int MigrationBatchSize { get; init; } = 500;

    /// <summary>Batches written at once by one migration; the seeds' parallel_workers.</summary>
    public int MigrationWorkers { get; init; } = 4;

    /// <summary>How long a moved domain's source collection is kept after the routing table flipped, so readers that
    /// still hold the previous table finish; then it is dropped.</summary>
    public TimeSpan CleanupGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Replica anti-entropy schedule (SyncAcrossClusters on every library); zero disables it.</summary>
    public TimeSpan ReplicaSyncInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Collection tuning schedule (the seeds' optimization_interval); zero disables it.</summary>
    public TimeSpan OptimizationInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Create collections and move points on "domains.discovered" without being asked (the seeds' auto_optimize).</summary>
    public bool AutoSpecialize { get; init; } = true;

    /// <summary>How often watchers read the tables, for changes made by other replicas.</summary>
    public TimeSpan WatchPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries of a migration step that failed on a cluster (the waits double up to it).</summary>
    public TimeSpan MigrationRetryDelayCap { get; init; } = TimeSpan.FromSeconds(10);

    public static SpecializationOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new SpecializationOptions();
        return new SpecializationOptions
        {
            MigrationBatchSize = Whole(section, nameof(MigrationBatchSize), defaults.MigrationBatchSize, 1, 10_000),
            MigrationWorkers = Whole(section, nameof(MigrationWorkers), defaults.MigrationWorkers, 1, 16),
            CleanupGracePeriod = Intervals.Read(section, nameof(CleanupGracePeriod), defaults.CleanupGracePeriod),
            ReplicaSyncInterval = Intervals.Read(section, nameof(ReplicaSyncInterval), defaults.ReplicaSyncInterval),
            OptimizationInterval = Intervals.Read(section, nameof(OptimizationInterval), defaults.OptimizationInterval),
            AutoSpecialize = section[nameof(AutoSpecialize)] is { Length: > 0 } auto
                ? bool.TryParse(auto, out var parsed) ? parsed : throw new InvalidOperationException($"{Section}:{nameof(AutoSpecialize)}: '{auto}' is not true or false.")
                : defaults.AutoSpecialize,
            WatchPollInterval = Intervals.Read(section, nameof(WatchPollInterval), defaults.WatchPollInterval),
            MigrationRetryDelayCap = Intervals.Read(section, nameof(MigrationRetryDelayCap), defaults.MigrationRetryDelayCap),
        };
    }

    private static int Whole(IConfigurationSection section, string key, int fallback, int min, int max) => section[key] is { Length: > 0 } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{Section}:{key}: '{text}' is not a whole number from {min} to {max}.")
        : fallback;
}
