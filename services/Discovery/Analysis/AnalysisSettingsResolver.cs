using System.Security.Cryptography;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Domains;

namespace MultiCluster.Discovery.Analysis;

/// <summary>
/// Turns the settings of a request, of the library and the service default into what one analysis runs with: a
/// request field left unset takes the configured one, "0 means default" becomes the documented default, and
/// distances in the library's terms become the Euclidean distances the strategies work in.
/// </summary>
public static class AnalysisSettingsResolver
{
    public const int DefaultSampleSize = 10_000;
    public const AnalysisStrategy DefaultStrategy = AnalysisStrategy.Hybrid;

    /// <param name="request">The request's settings; null when it gave none.</param>
    /// <param name="configured">The library's stored settings, else the stored default; null when neither exists.</param>
    /// <param name="distance">The library's distance.</param>
    /// <param name="maxSampleSize">The configured limit; stored settings above it are clamped to it.</param>
    /// <param name="seed">The seed to use when the settings give none; null draws one at random.</param>
    public static ResolvedAnalysis Resolve(AnalysisSettings? request, AnalysisSettings? configured, Distance distance, int maxSampleSize, ulong? seed = null)
    {
        var strategy = request?.Strategy is { } asked and not AnalysisStrategy.Unspecified ? asked
            : request?.Parameters is { } given && StrategyOf(given) is { } implied ? implied
            : configured?.Strategy is { } stored and not AnalysisStrategy.Unspecified ? stored
            : DefaultStrategy;
        var parameters = Matching(request?.Parameters, strategy) ?? Matching(configured?.Parameters, strategy) ?? new StrategyParameters();
        // k-means' own seed wins, then the request's, then the configured one; 0 everywhere draws one, recorded in the map.
        var chosenSeed = parameters.Kmeans?.Seed is > 0 and var kmeansSeed ? kmeansSeed
            : request?.Seed is > 0 and var askedSeed ? askedSeed
            : configured?.Seed is > 0 and var storedSeed ? storedSeed
            : seed ?? NewSeed();
        var resolved = WithDefaults(parameters, strategy, chosenSeed);
        var sampleSize = request?.SampleSize is > 0 ? (int)request.SampleSize
            : configured?.SampleSize is > 0 ? (int)configured.SampleSize
            : DefaultSampleSize;
        var keywords = request?.KeywordFields.Count > 0 ? request.KeywordFields.ToList() : configured?.KeywordFields.ToList() ?? [];
        var effective = new AnalysisSettings
        {
            Strategy = strategy,
            Parameters = resolved,
            SampleSize = (uint)Math.Min(sampleSize, maxSampleSize),
            ReanalysisInterval = request?.ReanalysisInterval ?? configured?.ReanalysisInterval,
            Seed = chosenSeed,
        };
        effective.KeywordFields.AddRange(keywords);
        var options = ToOptions(resolved, chosenSeed, distance);
        return new ResolvedAnalysis(strategy, options, (int)effective.SampleSize, keywords, effective);
    }

    /// <summary>The strategy a parameters message belongs to; null when none is set.</summary>
    public static AnalysisStrategy? StrategyOf(StrategyParameters parameters) => parameters?.KindCase switch
    {
        StrategyParameters.KindOneofCase.Kmeans => AnalysisStrategy.Kmeans,
        StrategyParameters.KindOneofCase.Dbscan => AnalysisStrategy.Dbscan,
        StrategyParameters.KindOneofCase.Hierarchical => AnalysisStrategy.Hierarchical,
        StrategyParameters.KindOneofCase.Hybrid => AnalysisStrategy.Hybrid,
        StrategyParameters.KindOneofCase.Streaming => AnalysisStrategy.Streaming,
        _ => null,
    };

    /// <summary>A strategy's parameters with every documented default filled in (k-means' seed left 0: random).</summary>
    public static StrategyParameters DefaultParameters(AnalysisStrategy strategy)
    {
        var defaults = WithDefaults(new StrategyParameters(), strategy, 0);
        return defaults;
    }

    /// <summary>Stored settings with the documented defaults filled in, as SetAnalysisStrategy answers them.</summary>
    public static AnalysisSettings WithDefaults(AnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var strategy = settings.Strategy == AnalysisStrategy.Unspecified ? DefaultStrategy : settings.Strategy;
        var seed = settings.Parameters?.Kmeans?.Seed ?? 0;
        var result = settings.Clone();
        result.Strategy = strategy;
        result.Parameters = WithDefaults(Matching(settings.Parameters, strategy) ?? new StrategyParameters(), strategy, seed);
        result.SampleSize = settings.SampleSize == 0 ? DefaultSampleSize : settings.SampleSize;
        return result;
    }

    private static StrategyParameters? Matching(StrategyParameters? parameters, AnalysisStrategy strategy) =>
        parameters is not null && StrategyOf(parameters) == strategy ? parameters : null;

    private static StrategyParameters WithDefaults(StrategyParameters parameters, AnalysisStrategy strategy, ulong seed) => strategy switch
    {
        AnalysisStrategy.Kmeans => new StrategyParameters
        {
            Kmeans = new KMeansParameters
            {
                K = parameters.Kmeans?.K ?? 0,
                KMin = parameters.Kmeans?.KMin is > 0 and var kMin ? kMin : 2,
                KMax = parameters.Kmeans?.KMax is > 0 and var kMax ? kMax : 32,
                MaxIterations = parameters.Kmeans?.MaxIterations is > 0 and var iterations ? iterations : 100,
                Tolerance = parameters.Kmeans?.Tolerance is > 0 and var tolerance ? tolerance : 1e-4,
                Seed = parameters.Kmeans?.Seed is > 0 and var given ? given : seed,
            },
        },
        AnalysisStrategy.Dbscan => new StrategyParameters
        {
            Dbscan = new DbscanParameters
            {
                Epsilon = parameters.Dbscan?.Epsilon ?? 0,
                MinPoints = parameters.Dbscan?.MinPoints is > 0 and var minPoints ? minPoints : 5,
            },
        },
        AnalysisStrategy.Hierarchical => new StrategyParameters
        {
            Hierarchical = new HierarchicalParameters
            {
                Linkage = parameters.Hierarchical?.Linkage is { } linkage and not Linkage.Unspecified ? linkage : Linkage.Ward,
                // Neither a count nor a distance to cut at: cut at the hybrid's default count rather than keep one domain per point.
                MaxDomains = parameters.Hierarchical is { MaxDomains: 0, DistanceThreshold: > 0 } ? 0 : parameters.Hierarchical?.MaxDomains is > 0 and var max ? max : 32,
                DistanceThreshold = parameters.Hierarchical?.DistanceThreshold ?? 0,
            },
        },
        AnalysisStrategy.Hybrid => new StrategyParameters
        {
            Hybrid = new HybridParameters
            {
                MaxDomains = parameters.Hybrid?.MaxDomains is > 0 and var maxDomains ? maxDomains : 32,
                CoarseK = parameters.Hybrid?.CoarseK is > 0 and var coarse ? coarse : 4 * (parameters.Hybrid?.MaxDomains is > 0 and var m ? m : 32),
                MergeDistance = parameters.Hybrid?.MergeDistance ?? 0,
            },
        },
        AnalysisStrategy.Streaming => new StrategyParameters
        {
            Streaming = new StreamingParameters
            {
                MaxDomains = parameters.Streaming?.MaxDomains is > 0 and var maxDomains ? maxDomains : 64,
                NewDomainDistance = parameters.Streaming?.NewDomainDistance ?? 0,
                Decay = parameters.Streaming?.Decay is > 0 and var decay ? decay : 0.99,
                BatchSize = parameters.Streaming?.BatchSize is > 0 and var batch ? batch : 1000,
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "No such strategy."),
    };

    private static StrategyOptions ToOptions(StrategyParameters p, ulong seed, Distance distance) => p.KindCase switch
    {
        StrategyParameters.KindOneofCase.Kmeans => new KMeansOptions(
            p.Kmeans.Seed != 0 ? p.Kmeans.Seed : seed,
            K: (int)p.Kmeans.K,
            KMin: (int)p.Kmeans.KMin,
            KMax: (int)p.Kmeans.KMax,
            MaxIterations: (int)p.Kmeans.MaxIterations,
            Tolerance: VectorSpace.ToEuclidean(p.Kmeans.Tolerance, distance)),
        StrategyParameters.KindOneofCase.Dbscan => new DbscanOptions(seed, VectorSpace.ToEuclidean(p.Dbscan.Epsilon, distance), (int)p.Dbscan.MinPoints),
        StrategyParameters.KindOneofCase.Hierarchical => new HierarchicalOptions(
            seed,
            p.Hierarchical.Linkage switch
            {
                Linkage.Average => LinkageKind.Average,
                Linkage.Complete => LinkageKind.Complete,
                Linkage.Single => LinkageKind.SingleLink,
                _ => LinkageKind.Ward,
            },
            (int)p.Hierarchical.MaxDomains,
            VectorSpace.ToEuclidean(p.Hierarchical.DistanceThreshold, distance)),
        StrategyParameters.KindOneofCase.Hybrid => new HybridOptions(
            seed, (int)p.Hybrid.CoarseK, (int)p.Hybrid.MaxDomains, VectorSpace.ToEuclidean(p.Hybrid.MergeDistance, distance)),
        StrategyParameters.KindOneofCase.Streaming => new StreamingOptions(
            seed,
            (int)p.Streaming.MaxDomains,
            VectorSpace.ToEuclidean(p.Streaming.NewDomainDistance, distance),
            p.Streaming.Decay,
            (int)p.Streaming.BatchSize),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p.KindCase, "No parameters set."),
    };

    private static ulong NewSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Math.Max(1, BitConverter.ToUInt64(bytes));
    }
}
