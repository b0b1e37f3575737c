namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// <see cref="ResultFusion.Fuse"/> for a library's query: one copy of each point (<see cref="OneCopyPerPoint"/>), and
/// ML_BASED gets the library's trained model (<see cref="FusionModelStore"/>); the other algorithms need nothing stored.
/// </summary>
public sealed class LibraryFusion(FusionModelStore models)
{
    public async ValueTask<IReadOnlyList<Contracts.V1.FusedPoint>> FuseAsync(
        string library, IReadOnlyList<RankedSource> lists, Contracts.V1.FusionConfig config, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var model = config.Algorithm == Contracts.V1.FusionAlgorithm.MlBased ? await models.GetAsync(library, cancellationToken) : null;
        return ResultFusion.Fuse(OneCopyPerPoint.Keep(lists), config, limit, model);
    }
}
