using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fusion;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>The fusion a query uses: the request's, else the library's stored one, else MAX_SCORE.</summary>
public static class FusionChoice
{
    public static FusionConfig Resolve(FusionConfig? requested, FusionConfig? stored, string field)
    {
        if (requested is { Algorithm: not FusionAlgorithm.Unspecified })
        {
            if (!Enum.IsDefined(requested.Algorithm))
            {
                throw OrchestratorException.Invalid($"{field}.algorithm: {(int)requested.Algorithm} is not a fusion algorithm; use one of {string.Join(", ", Enum.GetNames<FusionAlgorithm>())}.");
            }

            return requested;
        }

        return stored is { Algorithm: not FusionAlgorithm.Unspecified } ? stored : new FusionConfig { Algorithm = FusionAlgorithm.MaxScore };
    }

    /// <summary><see cref="ResultFusion.Fuse"/>, with an algorithm this build lacks refused as FAILED_PRECONDITION, not a crash.</summary>
    public static IReadOnlyList<FusedPoint> Fuse(IReadOnlyList<RankedSource> lists, FusionConfig config, int limit, string field)
    {
        try
        {
            return ResultFusion.Fuse(lists, config, limit);
        }
        catch (NotSupportedException e)
        {
            throw OrchestratorException.Precondition($"{field}.algorithm: {config.Algorithm} cannot be used here yet ({e.Message}); use FUSION_ALGORITHM_MAX_SCORE.");
        }
    }
}
