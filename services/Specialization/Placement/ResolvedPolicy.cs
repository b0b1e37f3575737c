using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// A library's placement policy with every default resolved: its own value where it set one, else the default
/// policy's (library ''), else the built-in default.
/// </summary>
public sealed record ResolvedPolicy(
    OptimizationStrategy Strategy,
    int ReplicaCount,
    double MaxFillRatio,
    IReadOnlyList<string> PreferredRegions,
    int MaxParallelMigrations,
    int MigrationBatchSize)
{
    public const double DefaultMaxFillRatio = 0.85;
    public const int DefaultMaxParallelMigrations = 2;

    public static ResolvedPolicy Resolve(SpecializationPolicy? own, SpecializationPolicy? fallback, SpecializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        own ??= new SpecializationPolicy();
        fallback ??= new SpecializationPolicy();
        return new ResolvedPolicy(
            First(own.Strategy, fallback.Strategy, OptimizationStrategy.Balanced, s => s != OptimizationStrategy.Unspecified),
            (int)First(own.ReplicaCount, fallback.ReplicaCount, 0u, n => n > 0),
            First(own.MaxFillRatio, fallback.MaxFillRatio, DefaultMaxFillRatio, r => r > 0),
            own.PreferredRegions.Count > 0 ? [.. own.PreferredRegions] : [.. fallback.PreferredRegions],
            (int)First(own.MaxParallelMigrations, fallback.MaxParallelMigrations, (uint)DefaultMaxParallelMigrations, n => n > 0),
            (int)First(own.MigrationBatchSize, fallback.MigrationBatchSize, (uint)options.MigrationBatchSize, n => n > 0));
    }

    /// <summary>The strategy a request asks for, or this policy's when it asks for none.</summary>
    public OptimizationStrategy StrategyFor(OptimizationStrategy requested) => requested == OptimizationStrategy.Unspecified ? Strategy : requested;

    public SpecializationPolicy ToContract()
    {
        var policy = new SpecializationPolicy
        {
            Strategy = Strategy,
            ReplicaCount = (uint)ReplicaCount,
            MaxFillRatio = MaxFillRatio,
            MaxParallelMigrations = (uint)MaxParallelMigrations,
            MigrationBatchSize = (uint)MigrationBatchSize,
        };
        policy.PreferredRegions.Add(PreferredRegions);
        return policy;
    }

    private static T First<T>(T own, T fallback, T builtIn, Func<T, bool> isSet) => isSet(own) ? own : isSet(fallback) ? fallback : builtIn;
}
