using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Libraries;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// Which fusion a library uses: a request's own config, else the library's (SetFusionAlgorithm), else the default set
/// under "", else MAX_SCORE; always returned with its defaults resolved (rrf_k 60, min-max, similarity 0.999).
/// </summary>
public sealed class FusionSettings(LibrarySettingsStore store)
{
    /// <summary>The fusion in effect for <paramref name="library"/> when a request carries <paramref name="requested"/> (may be null).</summary>
    public async Task<FusionConfig> ResolveAsync(string library, FusionConfig? requested, CancellationToken cancellationToken)
    {
        if (requested is { Algorithm: not FusionAlgorithm.Unspecified })
        {
            return Resolved(requested);
        }

        var stored = await store.GetFusionAsync(library, cancellationToken)
            ?? (library.Length > 0 ? await store.GetFusionAsync("", cancellationToken) : null)
            ?? new FusionConfig { Algorithm = FusionAlgorithm.MaxScore };
        if (requested is not null)
        {
            // A request that sets weights but no algorithm keeps its weights on the library's algorithm.
            stored = stored.Clone();
            foreach (var (source, weight) in requested.Weights)
            {
                stored.Weights[source] = weight;
            }
        }

        return Resolved(stored);
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
