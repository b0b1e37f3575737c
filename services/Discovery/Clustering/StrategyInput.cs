namespace MultiCluster.Discovery.Clustering;

/// <summary>The checks every strategy makes before its own: rows to cluster, and options of its own kind.</summary>
internal static class StrategyInput
{
    public static TOptions Require<TOptions>(VectorSet data, StrategyOptions options, string strategy)
        where TOptions : StrategyOptions
    {
        ArgumentNullException.ThrowIfNull(data);
        if (options is not TOptions typed)
        {
            throw new ArgumentException($"options: {strategy} takes {typeof(TOptions).Name}, not {options?.GetType().Name ?? "null"}.", nameof(options));
        }

        if (data.Count == 0)
        {
            throw new ArgumentException("data: at least one row is needed to cluster.", nameof(data));
        }

        return typed;
    }
}
