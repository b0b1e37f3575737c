using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// Which fusion a query uses: the request's own config, else the library's (SetFusionAlgorithm), else the default set
/// under "", else MAX_SCORE; always with its defaults resolved (rrf_k 60, min-max, similarity 0.999).
/// </summary>
public static class FusionSettings
{
    /// <summary>
    /// The fusion in effect when a request carries <paramref name="requested"/> (checked, refusals naming
    /// <paramref name="field"/>) and the library has <paramref name="stored"/> (its own, else the default; may be null).
    /// </summary>
    public static FusionConfig Resolve(FusionConfig? requested, FusionConfig? stored, string field)
    {
        FusionConfigValidator.Validate(requested, field, algorithmRequired: false);
        if (requested is { Algorithm: not FusionAlgorithm.Unspecified })
        {
            return Resolved(requested);
        }

        var chosen = stored?.Clone() ?? new FusionConfig { Algorithm = FusionAlgorithm.MaxScore };
        // A request that sets weights but no algorithm keeps its weights on the library's algorithm.
        foreach (var (source, weight) in requested?.Weights ?? [])
        {
            chosen.Weights[source] = weight;
        }

        return Resolved(chosen);
    }

    /// <summary>The config with every "0 means" of the contract made explicit.</summary>
    public static FusionConfig Resolved(FusionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var resolved = config.Clone();
        resolved.Algorithm = config.Algorithm == FusionAlgorithm.Unspecified ? FusionAlgorithm.MaxScore : config.Algorithm;
        resolved.RrfK = (uint)ResultFusion.RrfK(config);
        resolved.Normalization = config.Normalization == ScoreNormalization.Unspecified ? ScoreNormalization.MinMax : config.Normalization;
        resolved.DuplicateSimilarity = ResultFusion.DuplicateSimilarity(config);
        return resolved;
    }
}
