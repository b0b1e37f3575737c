using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Analysis;

/// <summary>
/// Checks AnalysisSettings field by field; each refusal is a <see cref="DiscoveryRequestException"/> whose message
/// starts with the field's path and states the allowed range.
/// </summary>
public static class AnalysisSettingsValidator
{
    public const int MaxDomains = 10_000;
    public const int MaxKForSearch = 1_000;
    public const int MaxIterations = 100_000;
    public const int MaxMinPoints = 10_000;
    public const int MaxBatchSize = 100_000;
    public const int MaxKeywordFields = 64;
    public const int MaxKeywordFieldLength = 256;
    public static readonly TimeSpan MinReanalysisInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxReanalysisInterval = TimeSpan.FromDays(366);

    /// <summary>Validates <paramref name="settings"/> found at <paramref name="path"/> ("settings").</summary>
    public static void Validate(AnalysisSettings settings, string path, int maxSampleSize, bool requireStrategy)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!System.Enum.IsDefined(settings.Strategy))
        {
            Fail($"{path}.strategy: {(int)settings.Strategy} is not a strategy; use one of {StrategyCatalog.AllowedNames}.");
        }

        if (requireStrategy && settings.Strategy == AnalysisStrategy.Unspecified)
        {
            Fail($"{path}.strategy: must be set; use one of {StrategyCatalog.AllowedNames}.");
        }

        if (settings.SampleSize > maxSampleSize)
        {
            Fail($"{path}.sample_size: {settings.SampleSize} is above the limit of {maxSampleSize} (Discovery:MaxSampleSize); use 1..{maxSampleSize}, or 0 for 10,000.");
        }

        if (settings.Parameters is { } parameters)
        {
            ValidateParameters(parameters, settings.Strategy, $"{path}.parameters");
        }

        if (settings.ReanalysisInterval is { } interval)
        {
            ValidateInterval(interval, $"{path}.reanalysis_interval");
        }

        if (settings.KeywordFields.Count > MaxKeywordFields)
        {
            Fail($"{path}.keyword_fields: {settings.KeywordFields.Count} fields given; at most {MaxKeywordFields}.");
        }

        for (var i = 0; i < settings.KeywordFields.Count; i++)
        {
            var field = settings.KeywordFields[i];
            if (field.Length is 0 or > MaxKeywordFieldLength || field.Any(char.IsControl))
            {
                Fail($"{path}.keyword_fields[{i}]: must be a payload key of 1..{MaxKeywordFieldLength} characters without control characters.");
            }
        }
    }

    private static void ValidateParameters(StrategyParameters parameters, AnalysisStrategy strategy, string path)
    {
        var kind = AnalysisSettingsResolver.StrategyOf(parameters);
        if (kind is { } owner && strategy != AnalysisStrategy.Unspecified && owner != strategy)
        {
            Fail($"{path}: holds {StrategyCatalog.Name(owner)} parameters but the strategy is {StrategyCatalog.Name(strategy)}; set parameters.{StrategyCatalog.Name(strategy)} or leave parameters unset.");
        }

        switch (parameters.KindCase)
        {
            case StrategyParameters.KindOneofCase.Kmeans:
                var kmeans = parameters.Kmeans;
                AtMost(kmeans.K, MaxDomains, $"{path}.kmeans.k", "0 chooses k automatically");
                if (kmeans.KMin == 1)
                {
                    Fail($"{path}.kmeans.k_min: 1 makes no division; use 2..{MaxKForSearch}, or 0 for 2.");
                }

                AtMost(kmeans.KMin, MaxKForSearch, $"{path}.kmeans.k_min", "0 means 2");
                AtMost(kmeans.KMax, MaxKForSearch, $"{path}.kmeans.k_max", "0 means 32");
                if (kmeans.KMax == 1)
                {
                    Fail($"{path}.kmeans.k_max: 1 makes no division; use 2..{MaxKForSearch}, or 0 for 32.");
                }

                var kMin = kmeans.KMin == 0 ? 2u : kmeans.KMin;
                var kMax = kmeans.KMax == 0 ? 32u : kmeans.KMax;
                if (kMin > kMax)
                {
                    Fail($"{path}.kmeans.k_min: {kMin} is above k_max {kMax}; k_min must not exceed k_max.");
                }

                AtMost(kmeans.MaxIterations, MaxIterations, $"{path}.kmeans.max_iterations", "0 means 100");
                NonNegative(kmeans.Tolerance, $"{path}.kmeans.tolerance", "0 means 1e-4");
                break;
            case StrategyParameters.KindOneofCase.Dbscan:
                NonNegative(parameters.Dbscan.Epsilon, $"{path}.dbscan.epsilon", "0 estimates it");
                AtMost(parameters.Dbscan.MinPoints, MaxMinPoints, $"{path}.dbscan.min_points", "0 means 5");
                break;
            case StrategyParameters.KindOneofCase.Hierarchical:
                var hierarchical = parameters.Hierarchical;
                if (!System.Enum.IsDefined(hierarchical.Linkage))
                {
                    Fail($"{path}.hierarchical.linkage: {(int)hierarchical.Linkage} is not a linkage; use LINKAGE_WARD, LINKAGE_AVERAGE, LINKAGE_COMPLETE or LINKAGE_SINGLE.");
                }

                AtMost(hierarchical.MaxDomains, MaxDomains, $"{path}.hierarchical.max_domains", "0 cuts by distance_threshold");
                NonNegative(hierarchical.DistanceThreshold, $"{path}.hierarchical.distance_threshold", "used when max_domains is 0");
                break;
            case StrategyParameters.KindOneofCase.Hybrid:
                var hybrid = parameters.Hybrid;
                AtMost(hybrid.CoarseK, MaxDomains, $"{path}.hybrid.coarse_k", "0 means 4 x max_domains");
                AtMost(hybrid.MaxDomains, MaxKForSearch, $"{path}.hybrid.max_domains", "0 means 32");
                if (hybrid.CoarseK != 0 && hybrid.CoarseK < (hybrid.MaxDomains == 0 ? 32 : hybrid.MaxDomains))
                {
                    Fail($"{path}.hybrid.coarse_k: {hybrid.CoarseK} micro-clusters cannot merge into max_domains {(hybrid.MaxDomains == 0 ? 32 : hybrid.MaxDomains)}; use at least max_domains, or 0.");
                }

                NonNegative(hybrid.MergeDistance, $"{path}.hybrid.merge_distance", "0 chooses it");
                break;
            case StrategyParameters.KindOneofCase.Streaming:
                var streaming = parameters.Streaming;
                AtMost(streaming.MaxDomains, MaxKForSearch, $"{path}.streaming.max_domains", "0 means 64");
                NonNegative(streaming.NewDomainDistance, $"{path}.streaming.new_domain_distance", "0 chooses it");
                if (!(streaming.Decay >= 0 && streaming.Decay <= 1))
                {
                    Fail($"{path}.streaming.decay: {streaming.Decay} is outside (0, 1]; 0 means 0.99.");
                }

                AtMost(streaming.BatchSize, MaxBatchSize, $"{path}.streaming.batch_size", "0 means 1000");
                break;
            default:
                break;
        }
    }

    private static void ValidateInterval(Duration interval, string path)
    {
        if (interval.Seconds < 0 || interval.Seconds > Duration.MaxSeconds || interval.Nanos is < 0 or > 999_999_999)
        {
            Fail($"{path}: must be a non-negative duration with nanos in 0..999,999,999; zero means only on request.");
        }

        var value = TimeSpan.FromSeconds(Math.Min(interval.Seconds, (long)MaxReanalysisInterval.TotalSeconds + 1)) + TimeSpan.FromTicks(interval.Nanos / 100);
        if (value != TimeSpan.Zero && (value < MinReanalysisInterval || value > MaxReanalysisInterval))
        {
            Fail($"{path}: {value} is outside 1 minute..366 days; zero means only on request.");
        }
    }

    private static void AtMost(uint value, int limit, string path, string zeroMeans)
    {
        if (value > limit)
        {
            Fail($"{path}: {value} is above {limit}; use 0..{limit} ({zeroMeans}).");
        }
    }

    private static void NonNegative(double value, string path, string zeroMeans)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            Fail($"{path}: {value} must be a finite number >= 0 ({zeroMeans}).");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) => throw new DiscoveryRequestException(message);
}
