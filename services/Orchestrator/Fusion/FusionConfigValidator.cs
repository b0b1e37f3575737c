using System.Globalization;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// A FusionConfig as a request carries it, checked against the contract's ranges; refusals name the field under the
/// request's own name for the config (e.g. "fusion.rrf_k").
/// </summary>
public static class FusionConfigValidator
{
    public const int MaxRrfK = 1_000;
    public const int MaxWeights = 1_024;
    public const int MaxSourceLength = 256;

    public static void Validate(FusionConfig? config, string field, bool algorithmRequired)
    {
        if (config is null)
        {
            if (algorithmRequired)
            {
                throw OrchestratorException.Invalid($"{field}: missing; set {field}.algorithm, e.g. FUSION_ALGORITHM_RECIPROCAL_RANK.");
            }

            return;
        }

        if (!Enum.IsDefined(config.Algorithm) || (algorithmRequired && config.Algorithm == FusionAlgorithm.Unspecified))
        {
            throw OrchestratorException.Invalid(
                $"{field}.algorithm: {config.Algorithm} is not a fusion algorithm; use one of FUSION_ALGORITHM_MAX_SCORE, WEIGHTED_SCORE, RECIPROCAL_RANK, DISTRIBUTION_BASED, COMB_MNZ, SEMANTIC_MERGE, ML_BASED.");
        }

        if (config.RrfK > MaxRrfK)
        {
            throw OrchestratorException.Invalid($"{field}.rrf_k: {config.RrfK} is out of range; use 1 to {MaxRrfK}, or 0 for {ResultFusion.DefaultRrfK}.");
        }

        if (!Enum.IsDefined(config.Normalization))
        {
            throw OrchestratorException.Invalid($"{field}.normalization: {config.Normalization} is not a normalisation; use SCORE_NORMALIZATION_NONE, MIN_MAX or Z_SCORE.");
        }

        var similarity = config.DuplicateSimilarity;
        if (similarity != 0 && !(similarity is >= 0.5 and <= 1))
        {
            throw OrchestratorException.Invalid(
                $"{field}.duplicate_similarity: {similarity.ToString(CultureInfo.InvariantCulture)} is out of range; use a cosine from 0.5 to 1, or 0 for {ResultFusion.DefaultDuplicateSimilarity.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (config.Weights.Count > MaxWeights)
        {
            throw OrchestratorException.Invalid($"{field}.weights: {config.Weights.Count:N0} entries; at most {MaxWeights:N0}, one per list source.");
        }

        foreach (var (source, weight) in config.Weights)
        {
            if (source.Length is 0 or > MaxSourceLength || source.Contains('\0', StringComparison.Ordinal))
            {
                throw OrchestratorException.Invalid($"{field}.weights: key '{Shown(source)}' is not a list source; use a cluster name, domain id or list label of 1 to {MaxSourceLength} characters.");
            }

            if (!double.IsFinite(weight) || weight < 0)
            {
                throw OrchestratorException.Invalid($"{field}.weights[{source}]: {weight.ToString(CultureInfo.InvariantCulture)} is not a weight; use a finite number >= 0 (missing sources weigh 1).");
            }
        }
    }

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text.Replace("\0", "\\0", StringComparison.Ordinal);
}
