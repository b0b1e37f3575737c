using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Analysis;

/// <summary>The strategies this service implements, how to describe them and which class runs each.</summary>
public static class StrategyCatalog
{
    /// <summary>Strategies whose cost grows with the square of the sample (pairwise distances).</summary>
    public const int QuadraticSampleLimit = 20_000;

    public static readonly IReadOnlyList<AnalysisStrategy> Supported =
    [
        AnalysisStrategy.Kmeans, AnalysisStrategy.Dbscan, AnalysisStrategy.Hierarchical, AnalysisStrategy.Hybrid, AnalysisStrategy.Streaming,
    ];

    public static string Name(AnalysisStrategy strategy) => strategy switch
    {
        AnalysisStrategy.Kmeans => "kmeans",
        AnalysisStrategy.Dbscan => "dbscan",
        AnalysisStrategy.Hierarchical => "hierarchical",
        AnalysisStrategy.Hybrid => "hybrid",
        AnalysisStrategy.Streaming => "streaming",
        _ => "unspecified",
    };

    public static string AllowedNames => string.Join(", ", Supported.Select(s => $"ANALYSIS_STRATEGY_{Name(s).ToUpperInvariant()}"));

    public static IClusteringStrategy Create(AnalysisStrategy strategy) => strategy switch
    {
        AnalysisStrategy.Kmeans => new KMeansStrategy(),
        AnalysisStrategy.Dbscan => new DbscanStrategy(),
        AnalysisStrategy.Hierarchical => new HierarchicalStrategy(),
        AnalysisStrategy.Hybrid => new HybridStrategy(),
        AnalysisStrategy.Streaming => new StreamingStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "No such strategy."),
    };

    public static IReadOnlyList<StrategyInfo> Describe() =>
    [
        new StrategyInfo
        {
            Strategy = AnalysisStrategy.Kmeans,
            Name = "k-means",
            Description = "Lloyd's k-means with k-means++ seeding; k fixed or chosen by silhouette. Fast on large samples; "
                + "choose it when domains are roughly round and similar in size.",
            DefaultParameters = AnalysisSettingsResolver.DefaultParameters(AnalysisStrategy.Kmeans),
        },
        new StrategyInfo
        {
            Strategy = AnalysisStrategy.Dbscan,
            Name = "DBSCAN",
            Description = "Density-based: finds the number of domains itself and leaves sparse outliers unassigned. "
                + "Choose it for domains of irregular shape or a library with much noise.",
            DefaultParameters = AnalysisSettingsResolver.DefaultParameters(AnalysisStrategy.Dbscan),
            LeavesUnassigned = true,
            MaxRecommendedSampleSize = QuadraticSampleLimit,
        },
        new StrategyInfo
        {
            Strategy = AnalysisStrategy.Hierarchical,
            Name = "hierarchical",
            Description = "Agglomerative clustering (Ward, average, complete or single linkage) that records parent domains. "
                + "Choose it when domains nest, on samples of moderate size.",
            DefaultParameters = AnalysisSettingsResolver.DefaultParameters(AnalysisStrategy.Hierarchical),
            MaxRecommendedSampleSize = QuadraticSampleLimit,
        },
        new StrategyInfo
        {
            Strategy = AnalysisStrategy.Hybrid,
            Name = "hybrid",
            Description = "k-means micro-clusters merged agglomeratively, then density-based outlier removal. "
                + "The default: good domains on large samples without choosing k.",
            DefaultParameters = AnalysisSettingsResolver.DefaultParameters(AnalysisStrategy.Hybrid),
            LeavesUnassigned = true,
        },
        new StrategyInfo
        {
            Strategy = AnalysisStrategy.Streaming,
            Name = "streaming",
            Description = "Mini-batch updates of the previous map from newly sampled vectors; detects domains that grow, "
                + "split, merge or fade. Choose it for frequent re-analysis of a library that changes gradually.",
            DefaultParameters = AnalysisSettingsResolver.DefaultParameters(AnalysisStrategy.Streaming),
            Incremental = true,
        },
    ];
}
