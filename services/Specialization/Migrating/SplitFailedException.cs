using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Migrating;

/// <summary>A split that cannot go on as it is (no centroids, an unrouted domain, a batch that keeps differing): it ends FAILED with <see cref="Error"/>.</summary>
public sealed class SplitFailedException(OperationError error) : Exception(error?.Message)
{
    public OperationError Error { get; } = error ?? new OperationError();
}
